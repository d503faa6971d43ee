//! Reading an event file: the format from its first bytes and header row, then the rows,
//! streamed in blocks that end at record boundaries and parsed on every core, then joined in
//! file order. Memory holds a few blocks and the columns, never the whole file.

use std::{
    io::Read as _,
    path::Path,
    sync::{Mutex, mpsc},
};

use csv::ByteRecord;

use super::{
    ActorId, EventContext, EventFileError, EventFormat, EventSet, EventSource, GroupSet, Unplaced,
    UnplacedReason,
    csv_format::{Columns, parse_row},
    records::{Record, Records, last_record_end},
};
use crate::data::ProvinceIdx;

/// Hash maps keyed by text or by id hashes read from a file: foldhash, seeded per process.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// Bytes read first: the format is told and the header row read from them.
const HEAD: usize = 4 << 20;

/// Bytes read at a time; a block handed to a parser is up to two of these, cut at a record
/// boundary. Small blocks keep both cores busy to the end of the file (the last blocks are
/// parsed while the other core finishes its own) and start the parsers early.
const BLOCK: usize = 1 << 20;

/// The largest GeoJSON event file read (it is parsed whole; parsed, it takes a few times its
/// size). CSV files have no limit: they are streamed.
pub const MAX_GEOJSON_BYTES: u64 = 150_000_000;

/// The longest record read (a quoted field that never closes would otherwise be read to the
/// end of the file).
const MAX_RECORD: usize = 256 << 20;

/// The message for a file whose length changed while it was read.
fn changed_while_read(expected: u64, read: u64) -> String {
    format!(
        "the file changed while it was read (it had {expected} bytes, {read} were read); read it again once it is complete"
    )
}

/// Reads an ACLED or UCDP GED CSV, or a GeoJSON FeatureCollection of points, placing each event
/// by its coordinates. `progress` is called now and then with the fraction read (0–1); when it
/// returns `false` reading stops with [`EventFileError::Cancelled`].
pub fn read_events(
    path: &Path,
    context: &EventContext,
    progress: impl FnMut(f32) -> bool,
) -> Result<EventSet, EventFileError> {
    read_in_blocks(path, context, BLOCK, progress)
}

/// [`read_events`] with CSV files cut into blocks of about `block` to `2 * block` bytes
/// (at least one record each): for tests, which compare small blocks with one block.
#[doc(hidden)]
pub fn read_events_in_blocks(
    path: &Path,
    context: &EventContext,
    block: usize,
) -> Result<EventSet, EventFileError> {
    read_in_blocks(path, context, block.max(1), |_| true)
}

fn read_in_blocks(
    path: &Path,
    context: &EventContext,
    block: usize,
    mut progress: impl FnMut(f32) -> bool,
) -> Result<EventSet, EventFileError> {
    let io = |source| EventFileError::Io {
        path: path.to_owned(),
        source,
    };
    let invalid = |message: String| EventFileError::Invalid {
        path: path.to_owned(),
        place: String::new(),
        message,
    };
    let (mut file, metadata) = crate::files::open_regular(path).map_err(|e| match e {
        crate::files::ReadError::Io(source) => io(source),
        refused => invalid(format!("the file {refused}")),
    })?;
    let total = metadata.len();
    let mut first = Vec::with_capacity(HEAD.min(total as usize + 1));
    (&mut file)
        .take(HEAD as u64)
        .read_to_end(&mut first)
        .map_err(io)?;
    if let Some(kind) = crate::files::binary_kind(&first[..first.len().min(64 << 10)]) {
        return Err(invalid(format!("the file {kind}")));
    }
    let start = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&first);
    match start.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Err(EventFileError::Invalid {
            path: path.to_owned(),
            place: String::new(),
            message: "the file is empty".to_owned(),
        }),
        Some(b'{') => {
            if total > MAX_GEOJSON_BYTES {
                return Err(invalid(format!(
                    "the file is {} MB; GeoJSON event files over {} MB are refused (a GeoJSON file is read whole: convert a larger one to CSV, which is streamed)",
                    total / 1_000_000,
                    MAX_GEOJSON_BYTES / 1_000_000
                )));
            }
            (&mut file)
                .take(MAX_GEOJSON_BYTES + 1 - first.len() as u64)
                .read_to_end(&mut first)
                .map_err(io)?;
            if first.len() as u64 != total {
                return Err(invalid(changed_while_read(total, first.len() as u64)));
            }
            if !progress(0.5) {
                return Err(EventFileError::Cancelled {
                    path: path.to_owned(),
                });
            }
            super::geojson_format::read(path, &first, context)
        }
        Some(_) => read_csv(path, file, first, total, context, block, &mut progress),
    }
}

/// A block of whole records and where it starts in the file.
struct Block {
    index: usize,
    bytes: Vec<u8>,
    /// Byte offset of `bytes[0]` in the file.
    offset: u64,
    /// Line number of `bytes[0]` (1-based).
    line: u64,
    /// Newlines in the block: about as many records, to size the columns.
    lines: u64,
}

/// A buffer for the bytes of a block: room for two blocks, so that filling it never moves it.
fn block_buffer(block: usize) -> Vec<u8> {
    Vec::with_capacity(2 * block + (64 << 10))
}

/// Reserves room in the set's columns for about `rows` more events. Room reserved and never
/// written costs address space, not memory; if even that is refused, the columns grow as they
/// are filled.
fn reserve_columns(set: &mut EventSet, rows: usize) {
    fn room<T>(column: &mut Vec<T>, rows: usize) {
        let _ = column.try_reserve_exact(rows);
    }
    room(&mut set.day, rows);
    room(&mut set.lon, rows);
    room(&mut set.lat, rows);
    room(&mut set.province, rows);
    room(&mut set.groups, rows);
    room(&mut set.targets, rows);
    room(&mut set.fatalities, rows);
    room(&mut set.time_precision, rows);
    room(&mut set.geo_precision, rows);
    room(&mut set.row, rows);
    room(&mut set.offset, rows);
    room(&mut set.actor1, rows);
    room(&mut set.actor2, rows);
    room(&mut set.assoc, rows);
    room(&mut set.admin1, rows);
    room(&mut set.event_type, rows);
    room(&mut set.id_hash, rows);
}

fn read_csv(
    path: &Path,
    mut file: std::fs::File,
    first: Vec<u8>,
    total: u64,
    context: &EventContext,
    block: usize,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<EventSet, EventFileError> {
    let io = |source| EventFileError::Io {
        path: path.to_owned(),
        source,
    };
    let delimiter = super::csv_format::guess_delimiter(&first);
    let (columns, header_end, header_lines) = {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(&first[..]);
        let mut header = ByteRecord::new();
        let _ = reader.read_byte_record(&mut header);
        let end = reader.position().byte() as usize;
        if end >= first.len() && first.len() as u64 == HEAD as u64 {
            return Err(EventFileError::Invalid {
                path: path.to_owned(),
                place: "line 1: ".to_owned(),
                message: "the header row is longer than 4 MiB".to_owned(),
            });
        }
        (
            Columns::recognise(&header, path, delimiter)?,
            end,
            reader.position().line() - 1,
        )
    };
    let format = columns.format;
    let mut set = EventSet::empty(EventSource {
        path: path.to_owned(),
        format,
        publisher: match format {
            EventFormat::Ged => {
                "UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, ucdp.uu.se"
            }
            _ => "ACLED (Armed Conflict Location & Event Data), acleddata.com",
        }
        .to_owned(),
    });
    let mut merger = Merger::default();
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let (block_tx, block_rx) = mpsc::sync_channel::<Block>(workers);
    let block_rx = Mutex::new(block_rx);
    let (chunk_tx, chunk_rx) = mpsc::channel::<Chunk>();
    // Block buffers come back from the workers to be filled again.
    let (spare_tx, spare_rx) = mpsc::channel::<Vec<u8>>();
    let outcome = std::thread::scope(|scope| {
        for _ in 0..workers {
            let (block_rx, chunk_tx, spare_tx, columns) =
                (&block_rx, chunk_tx.clone(), spare_tx.clone(), &columns);
            scope.spawn(move || {
                loop {
                    let block = match block_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(mut block) = block else { return };
                    let chunk = parse_block(&block, columns, context);
                    block.bytes.clear();
                    let _ = spare_tx.send(block.bytes);
                    if chunk_tx.send(chunk).is_err() {
                        return;
                    }
                }
            });
        }
        drop(chunk_tx);
        drop(spare_tx);
        let mut pending = block_buffer(block);
        pending.extend_from_slice(&first[header_end..]);
        drop(first);
        let mut reserved = false;
        let mut offset = header_end as u64;
        let mut line = 1 + header_lines;
        let mut index = 0;
        let mut at_end = false;
        // Reads up to `more` bytes onto `pending`; whether the file has ended. NUL bytes (a
        // binary file, or a sparse one) stop the reading at once.
        let mut fill = |pending: &mut Vec<u8>, offset: u64, more: usize| {
            let before = pending.len();
            (&mut file)
                .take(more as u64)
                .read_to_end(pending)
                .map_err(io)?;
            if let Some(at) = memchr::memchr(0, &pending[before..]) {
                return Err(EventFileError::Invalid {
                    path: path.to_owned(),
                    place: format!("byte {}: ", offset + (before + at) as u64),
                    message: "the file contains NUL bytes: it is binary (or was cut off while written), not a CSV file".to_owned(),
                });
            }
            Ok(pending.len() == before)
        };
        if let Some(at) = memchr::memchr(0, &pending) {
            return Err(EventFileError::Invalid {
                path: path.to_owned(),
                place: format!("byte {}: ", offset + at as u64),
                message: "the file contains NUL bytes: it is binary, not a CSV file".to_owned(),
            });
        }
        loop {
            if !at_end && pending.len() < block {
                let more = block * 2 - pending.len();
                at_end = fill(&mut pending, offset, more)?;
            }
            // A block is cut at the last record end in its first two `block`s of bytes (the
            // first bytes read can be more), or at the first record end after.
            let window = pending.len().min(2 * block);
            let (end, lines) = if at_end && pending.len() == window {
                (pending.len(), 0)
            } else {
                let found = last_record_end(&pending[..window], delimiter).or_else(|| {
                    (window < pending.len())
                        .then(|| last_record_end(&pending, delimiter))
                        .flatten()
                });
                match found {
                    Some(found) => found,
                    None if at_end => (pending.len(), 0),
                    // No record ends in two blocks: one record longer than that; read on.
                    None if pending.len() < MAX_RECORD => {
                        at_end = fill(&mut pending, offset, block)?;
                        continue;
                    }
                    None => {
                        return Err(EventFileError::Invalid {
                            path: path.to_owned(),
                            place: format!("line {line}: "),
                            message: format!(
                                "a record is longer than {} MiB (a quote that never closes?)",
                                MAX_RECORD >> 20
                            ),
                        });
                    }
                }
            };
            if end > 0 {
                if !reserved && !at_end {
                    // The columns' size from the first block's share of the file.
                    let rows = (lines as f64 * total as f64 / end as f64 * 1.02) as usize + 1024;
                    reserve_columns(&mut set, rows);
                    merger.ids = super::repeats::IdFilter::for_ids(rows);
                    reserved = true;
                }
                let mut next = spare_rx.try_recv().unwrap_or_else(|_| block_buffer(block));
                next.extend_from_slice(&pending[end..]);
                pending.truncate(end);
                let bytes = std::mem::replace(&mut pending, next);
                let handed = Block {
                    index,
                    bytes,
                    offset,
                    line,
                    lines,
                };
                offset += end as u64;
                line += lines;
                index += 1;
                if block_tx.send(handed).is_err() {
                    break;
                }
            }
            while let Ok(chunk) = chunk_rx.try_recv() {
                merger.add(chunk, &mut set);
            }
            if !progress(offset as f32 / total.max(1) as f32) {
                return Err(EventFileError::Cancelled {
                    path: path.to_owned(),
                });
            }
            if at_end && pending.is_empty() {
                break;
            }
        }
        drop(block_tx);
        for chunk in chunk_rx.iter() {
            merger.add(chunk, &mut set);
        }
        let now = file.metadata().map_err(io)?.len();
        if offset != total || now != total {
            return Err(EventFileError::Invalid {
                path: path.to_owned(),
                place: String::new(),
                message: changed_while_read(total, offset),
            });
        }
        Ok(index)
    });
    let blocks = outcome?;
    if merger.next != blocks {
        return Err(EventFileError::Invalid {
            path: path.to_owned(),
            place: String::new(),
            message: "a reader thread stopped before the end of the file".to_owned(),
        });
    }
    if let Some(keep) = merger.ids.first_of_each(&set.id_hash) {
        set.duplicate_ids += keep.iter().filter(|k| !**k).count();
        set.retain(&keep);
    }
    Ok(set)
}

/// The events of one block, with names interned locally.
#[derive(Default)]
struct Chunk {
    index: usize,
    day: Vec<i32>,
    lon: Vec<f32>,
    lat: Vec<f32>,
    province: Vec<ProvinceIdx>,
    groups: Vec<GroupSet>,
    targets: Vec<GroupSet>,
    fatalities: Vec<u32>,
    time_precision: Vec<u8>,
    geo_precision: Vec<u8>,
    row: Vec<u64>,
    offset: Vec<u64>,
    actor1: Vec<u32>,
    actor2: Vec<u32>,
    assoc: Vec<u32>,
    admin1: Vec<u32>,
    actor_names: Vec<String>,
    assoc_lists: Vec<Vec<u32>>,
    admin1_names: Vec<String>,
    admin1_places: Vec<Option<ProvinceIdx>>,
    admin1_disagreements: usize,
    event_type: Vec<u32>,
    type_names: Vec<String>,
    unplaced: Vec<Unplaced>,
    rows: u64,
    /// The event id of each event, as [`super::id_hash`] (empty when the file has no id
    /// column).
    ids: Vec<u64>,
}

/// Interns byte strings to local ids, remembering a value computed once per distinct string.
struct Interner<T> {
    ids: HashMap<Vec<u8>, u32>,
    values: Vec<T>,
}

impl<T: Copy> Interner<T> {
    fn new() -> Self {
        Self {
            ids: HashMap::default(),
            values: Vec::new(),
        }
    }

    fn id(&mut self, bytes: &[u8], names: &mut Vec<String>, value: impl FnOnce(&str) -> T) -> u32 {
        if let Some(id) = self.ids.get(bytes) {
            return *id;
        }
        let name = String::from_utf8_lossy(bytes).into_owned();
        let id = names.len() as u32;
        self.values.push(value(&name));
        names.push(name);
        self.ids.insert(bytes.to_vec(), id);
        id
    }
}

fn parse_block(block: &Block, columns: &Columns, context: &EventContext) -> Chunk {
    let rows = block.lines as usize + 1;
    let mut chunk = Chunk {
        index: block.index,
        day: Vec::with_capacity(rows),
        lon: Vec::with_capacity(rows),
        lat: Vec::with_capacity(rows),
        province: Vec::with_capacity(rows),
        groups: Vec::with_capacity(rows),
        targets: Vec::with_capacity(rows),
        fatalities: Vec::with_capacity(rows),
        time_precision: Vec::with_capacity(rows),
        geo_precision: Vec::with_capacity(rows),
        row: Vec::with_capacity(rows),
        offset: Vec::with_capacity(rows),
        actor1: Vec::with_capacity(rows),
        actor2: Vec::with_capacity(rows),
        assoc: Vec::with_capacity(rows),
        admin1: Vec::with_capacity(rows),
        event_type: Vec::with_capacity(rows),
        ids: Vec::with_capacity(if columns.id.is_some() { rows } else { 0 }),
        ..Chunk::default()
    };
    let mut actors: Interner<GroupSet> = Interner::new();
    let mut admin1: Interner<Option<ProvinceIdx>> = Interner::new();
    let mut types: Interner<()> = Interner::new();
    // Keyed by the length of assoc_actor_1 (8 bytes), assoc_actor_1 and assoc_actor_2.
    let mut assoc_ids: HashMap<Vec<u8>, u32> = HashMap::default();
    let mut assoc_key = Vec::new();
    // Per distinct (assoc_actor_1, assoc_actor_2): the groups of each side.
    let mut assoc_groups: Vec<(GroupSet, GroupSet)> = Vec::new();
    let bytes = &block.bytes[..];
    let mut records = Records::new(bytes, columns.delimiter);
    let mut record = Record::default();
    while records.next_into(&mut record) {
        let row = block.line + record.line;
        chunk.rows += 1;
        let (parsed, date_problem) = match parse_row(columns, bytes, &record) {
            Ok(parsed) => parsed,
            Err(reason) => {
                chunk.unplaced.push(Unplaced { row, reason });
                continue;
            }
        };
        let Some(province) = context.provinces.province_at(parsed.lon, parsed.lat) else {
            chunk.unplaced.push(Unplaced {
                row,
                reason: UnplacedReason::OutsideBoundaries,
            });
            continue;
        };
        if let Some(reason) = date_problem {
            chunk.unplaced.push(Unplaced { row, reason });
            continue;
        }
        let field = |i: Option<usize>| {
            i.and_then(|i| record.get(bytes, i))
                .map_or(&b""[..], <[u8]>::trim_ascii)
        };
        let mut actor = |bytes: &[u8], names: &mut Vec<String>| {
            if bytes.is_empty() {
                u32::MAX
            } else {
                actors.id(bytes, names, |name| context.actors.groups_of(name))
            }
        };
        let actor1 = actor(field(Some(columns.actor1)), &mut chunk.actor_names);
        let actor2 = actor(field(Some(columns.actor2)), &mut chunk.actor_names);
        let (a1, a2) = (field(columns.assoc1), field(columns.assoc2));
        assoc_key.clear();
        assoc_key.extend_from_slice(&(a1.len() as u64).to_le_bytes());
        assoc_key.extend_from_slice(a1);
        assoc_key.extend_from_slice(a2);
        let assoc = if a1.is_empty() && a2.is_empty() {
            u32::MAX
        } else if let Some(id) = assoc_ids.get(&assoc_key[..]) {
            *id
        } else {
            let mut side = |cell: &[u8], names: &mut Vec<String>| -> Vec<u32> {
                cell.split(|b| *b == b';')
                    .map(<[u8]>::trim_ascii)
                    .filter(|name| !name.is_empty())
                    .map(|name| actor(name, names))
                    .collect()
            };
            let first = side(a1, &mut chunk.actor_names);
            let second = side(a2, &mut chunk.actor_names);
            let union = |list: &[u32]| {
                list.iter()
                    .filter_map(|a| actors.values.get(*a as usize))
                    .fold(GroupSet::EMPTY, |acc, g| GroupSet(acc.0 | g.0))
            };
            let groups = (union(&first), union(&second));
            // assoc_actor_1's actors, the separator (no actor), assoc_actor_2's.
            let mut list = first;
            list.push(u32::MAX);
            list.extend(second);
            let id = chunk.assoc_lists.len() as u32;
            chunk.assoc_lists.push(list);
            assoc_groups.push(groups);
            assoc_ids.insert(assoc_key.clone(), id);
            id
        };
        let group_of =
            |id: u32, values: &[GroupSet]| values.get(id as usize).copied().unwrap_or_default();
        let (assoc1, assoc2) = assoc_groups
            .get(assoc as usize)
            .copied()
            .unwrap_or_default();
        // The acting side (actor1 and its associates) and the side hit (actor2 and its).
        let groups = GroupSet(group_of(actor1, &actors.values).0 | assoc1.0);
        let targets = GroupSet(group_of(actor2, &actors.values).0 | assoc2.0);
        let admin1_text = field(columns.admin1);
        let admin1_id = if admin1_text.is_empty() {
            u32::MAX
        } else {
            admin1.id(admin1_text, &mut chunk.admin1_names, |name| {
                context.gazetteer.resolve(name).ok()
            })
        };
        if let Some(Some(named)) = admin1.values.get(admin1_id as usize)
            && *named != province
        {
            chunk.admin1_disagreements += 1;
        }
        let type_text = field(columns.event_type);
        let type_text = match columns.format {
            EventFormat::Ged => std::str::from_utf8(type_text)
                .ok()
                .and_then(super::ged_violence_type)
                .map_or(type_text, str::as_bytes),
            _ => type_text,
        };
        let event_type = if type_text.is_empty() {
            u32::MAX
        } else {
            types.id(type_text, &mut chunk.type_names, |_| ())
        };
        chunk.day.push(parsed.day);
        chunk.lon.push(parsed.lon as f32);
        chunk.lat.push(parsed.lat as f32);
        chunk.province.push(province);
        chunk.groups.push(groups);
        chunk.targets.push(targets);
        chunk.fatalities.push(parsed.fatalities);
        chunk.time_precision.push(parsed.time_precision);
        chunk.geo_precision.push(parsed.geo_precision);
        chunk.row.push(row);
        chunk.offset.push(block.offset + record.start as u64);
        chunk.actor1.push(actor1);
        chunk.actor2.push(actor2);
        chunk.assoc.push(assoc);
        chunk.admin1.push(admin1_id);
        chunk.event_type.push(event_type);
        if columns.id.is_some() {
            chunk.ids.push(super::id_hash(field(columns.id)));
        }
    }
    chunk.admin1_places = admin1.values;
    chunk
}

/// Appends chunks to the set in block order, turning local ids into the set's.
#[derive(Default)]
struct Merger {
    next: usize,
    waiting: Vec<Chunk>,
    actors: HashMap<String, ActorId>,
    assoc: HashMap<Vec<ActorId>, u32>,
    admin1: HashMap<String, u32>,
    types: HashMap<String, u32>,
    /// Event ids read so far, as [`super::id_hash`] (empty ids are not compared).
    ids: super::repeats::IdFilter,
}

impl Merger {
    fn add(&mut self, chunk: Chunk, set: &mut EventSet) {
        self.waiting.push(chunk);
        while let Some(at) = self.waiting.iter().position(|c| c.index == self.next) {
            let chunk = self.waiting.swap_remove(at);
            self.append(chunk, set);
            self.next += 1;
        }
    }

    fn append(&mut self, chunk: Chunk, set: &mut EventSet) {
        // Repeated ids are left out once the whole file is read (they are rare): here they
        // are only noted.
        if chunk.ids.is_empty() {
            set.id_hash
                .extend(std::iter::repeat_n(super::NO_ID, chunk.day.len()));
        } else {
            for id in &chunk.ids {
                self.ids.note(*id);
            }
            set.id_hash.extend(chunk.ids);
        }
        let actors: Vec<ActorId> = chunk
            .actor_names
            .into_iter()
            .map(|name| {
                *self.actors.entry(name).or_insert_with_key(|name| {
                    set.actor_names.push(name.clone());
                    ActorId(set.actor_names.len() as u32 - 1)
                })
            })
            .collect();
        let actor = |id: &u32| actors.get(*id as usize).copied().unwrap_or(ActorId::NONE);
        let assoc: Vec<u32> = chunk
            .assoc_lists
            .iter()
            .map(|list| {
                let list: Vec<ActorId> = list.iter().map(actor).collect();
                *self.assoc.entry(list).or_insert_with_key(|list| {
                    set.assoc_lists.push(list.clone());
                    set.assoc_lists.len() as u32 - 1
                })
            })
            .collect();
        let admin1: Vec<u32> = chunk
            .admin1_names
            .into_iter()
            .zip(chunk.admin1_places)
            .map(|(name, place)| {
                *self.admin1.entry(name).or_insert_with_key(|name| {
                    set.admin1_places.push(place);
                    set.admin1_names.push(name.clone());
                    set.admin1_names.len() as u32 - 1
                })
            })
            .collect();
        let types: Vec<u32> = chunk
            .type_names
            .into_iter()
            .map(|name| {
                *self.types.entry(name).or_insert_with_key(|name| {
                    set.type_names.push(name.clone());
                    set.type_names.len() as u32 - 1
                })
            })
            .collect();
        let local = |table: &[u32], id: &u32| table.get(*id as usize).copied().unwrap_or(u32::MAX);
        set.day.extend(chunk.day);
        set.lon.extend(chunk.lon);
        set.lat.extend(chunk.lat);
        set.province.extend(chunk.province);
        set.groups.extend(chunk.groups);
        set.targets.extend(chunk.targets);
        set.fatalities.extend(chunk.fatalities);
        set.time_precision.extend(chunk.time_precision);
        set.geo_precision.extend(chunk.geo_precision);
        set.row.extend(chunk.row);
        set.offset.extend(chunk.offset);
        set.actor1.extend(chunk.actor1.iter().map(actor));
        set.actor2.extend(chunk.actor2.iter().map(actor));
        set.assoc
            .extend(chunk.assoc.iter().map(|id| local(&assoc, id)));
        set.admin1
            .extend(chunk.admin1.iter().map(|id| local(&admin1, id)));
        set.event_type
            .extend(chunk.event_type.iter().map(|id| local(&types, id)));
        set.admin1_disagreements += chunk.admin1_disagreements;
        set.unplaced.extend(chunk.unplaced);
        set.rows_read += chunk.rows;
    }
}
