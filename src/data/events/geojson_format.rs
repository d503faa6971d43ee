//! GeoJSON FeatureCollections of Point features, each with at least a date property. The
//! property names follow ACLED or GED (`event_date` or `date_start`, `actor1` or `side_a`, …),
//! or plain `date`, `actor`, `fatalities`.

use std::path::Path;

use serde_json::{Map, Value};

use super::{
    ActorId, EventContext, EventDetails, EventFileError, EventFormat, EventSet, EventSource,
    GroupSet, Unplaced, UnplacedReason,
    csv_format::parse_day,
    details::{geo_precision_label, time_precision_label},
};

const DATE: [&str; 3] = ["event_date", "date_start", "date"];
const ACTOR1: [&str; 3] = ["actor1", "side_a", "actor"];
const ACTOR2: [&str; 2] = ["actor2", "side_b"];
const ASSOC: [&str; 2] = ["assoc_actor_1", "assoc_actor_2"];
const FATALITIES: [&str; 3] = ["fatalities", "best", "deaths"];
const ADMIN1: [&str; 2] = ["admin1", "adm_1"];
const TIME_PRECISION: [&str; 2] = ["time_precision", "date_prec"];
const GEO_PRECISION: [&str; 2] = ["geo_precision", "where_prec"];
const EVENT_TYPE: [&str; 2] = ["event_type", "type_of_violence"];

fn invalid(path: &Path, message: impl Into<String>) -> EventFileError {
    EventFileError::Invalid {
        path: path.to_owned(),
        place: String::new(),
        message: message.into(),
    }
}

fn features<'v>(path: &Path, root: &'v Value) -> Result<&'v Vec<Value>, EventFileError> {
    if root.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(invalid(
            path,
            "not a GeoJSON FeatureCollection (\"type\" is not \"FeatureCollection\")",
        ));
    }
    root.get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| invalid(path, "the FeatureCollection has no \"features\" list"))
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Value, EventFileError> {
    serde_json::from_slice(bytes).map_err(|e| EventFileError::Invalid {
        path: path.to_owned(),
        place: format!("line {}, column {}: ", e.line(), e.column()),
        message: format!("not valid JSON: {e}"),
    })
}

fn properties_of<'v>(feature: &'v Value, empty: &'v Map<String, Value>) -> &'v Map<String, Value> {
    feature
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(empty)
}

/// The first of `names` the properties have, as text (numbers written as numbers).
fn property(properties: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| match properties.get(*name)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

pub(super) fn read(
    path: &Path,
    bytes: &[u8],
    context: &EventContext,
) -> Result<EventSet, EventFileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let root = parse(path, bytes)?;
    let features = features(path, &root)?;
    let empty = Map::new();
    let properties_of = |feature| properties_of(feature, &empty);
    if !features.is_empty()
        && !features
            .iter()
            .any(|f| property(properties_of(f), &DATE).is_some())
    {
        return Err(invalid(
            path,
            format!("no feature has a date property ({})", DATE.join(", ")),
        ));
    }
    let publisher = root
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| {
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        });
    let mut set = EventSet::empty(EventSource {
        path: path.to_owned(),
        format: EventFormat::GeoJson,
        publisher,
    });
    let mut actor_ids = std::collections::HashMap::<String, ActorId>::new();
    for (index, feature) in features.iter().enumerate() {
        let row = index as u64 + 1;
        set.rows_read += 1;
        let unplaced = |set: &mut EventSet, reason| set.unplaced.push(Unplaced { row, reason });
        let properties = properties_of(feature);
        let coordinates = feature
            .get("geometry")
            .filter(|g| g.get("type").and_then(Value::as_str) == Some("Point"))
            .and_then(|g| g.get("coordinates"))
            .and_then(Value::as_array);
        let Some(coordinates) = coordinates.filter(|c| c.len() >= 2) else {
            unplaced(&mut set, UnplacedReason::MissingCoordinates);
            continue;
        };
        let (Some(lon), Some(lat)) = (coordinates[0].as_f64(), coordinates[1].as_f64()) else {
            unplaced(&mut set, UnplacedReason::NonNumericCoordinates);
            continue;
        };
        if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0) {
            unplaced(&mut set, UnplacedReason::InvalidCoordinates);
            continue;
        }
        let Some(province) = context.provinces.province_at(lon, lat) else {
            unplaced(&mut set, UnplacedReason::OutsideBoundaries);
            continue;
        };
        let Some(day) = property(properties, &DATE).and_then(|d| parse_day(d.as_bytes())) else {
            unplaced(&mut set, UnplacedReason::BadDate);
            continue;
        };
        let fatalities = match property(properties, &FATALITIES) {
            None => 0,
            Some(text) => match super::csv_format::fatality_count(text.as_bytes()) {
                Ok(n) => n,
                Err(reason) => {
                    unplaced(&mut set, reason);
                    continue;
                }
            },
        };
        let mut actor = |name: Option<String>, set: &mut EventSet| match name {
            None => ActorId::NONE,
            Some(name) => *actor_ids.entry(name).or_insert_with_key(|name| {
                set.actor_names.push(name.clone());
                ActorId(set.actor_names.len() as u32 - 1)
            }),
        };
        let actor1 = actor(property(properties, &ACTOR1), &mut set);
        let actor2 = actor(property(properties, &ACTOR2), &mut set);
        // assoc_actor_1's actors, the separator (no actor), assoc_actor_2's.
        let mut sides: [Vec<ActorId>; 2] = [Vec::new(), Vec::new()];
        for (side, name) in sides.iter_mut().zip(ASSOC) {
            let names: Vec<String> = property(properties, &[name])
                .map(|list| {
                    list.split(';')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            side.extend(names.into_iter().map(|n| actor(Some(n), &mut set)));
        }
        let union = |actors: &[ActorId], set: &EventSet| {
            actors
                .iter()
                .filter(|a| **a != ActorId::NONE)
                .map(|a| context.actors.groups_of(set.actor_name(*a)))
                .fold(GroupSet::EMPTY, |acc, g| GroupSet(acc.0 | g.0))
        };
        // The acting side (actor1 and its associates) and the side hit (actor2 and its).
        let groups = GroupSet(union(&[actor1], &set).0 | union(&sides[0], &set).0);
        let targets = GroupSet(union(&[actor2], &set).0 | union(&sides[1], &set).0);
        let [first, second] = sides;
        let assoc: Vec<ActorId> = if first.is_empty() && second.is_empty() {
            Vec::new()
        } else {
            first
                .into_iter()
                .chain(std::iter::once(ActorId::NONE))
                .chain(second)
                .collect()
        };
        let assoc_index = if assoc.is_empty() {
            u32::MAX
        } else {
            set.assoc_lists.push(assoc);
            set.assoc_lists.len() as u32 - 1
        };
        let admin1 = match property(properties, &ADMIN1) {
            None => u32::MAX,
            Some(name) => {
                let at = set.admin1_names.iter().position(|n| *n == name);
                at.map_or_else(
                    || {
                        set.admin1_places
                            .push(context.gazetteer.resolve(&name).ok());
                        set.admin1_names.push(name);
                        set.admin1_names.len() as u32 - 1
                    },
                    |at| at as u32,
                )
            }
        };
        if let Some(Some(named)) = set.admin1_places.get(admin1 as usize)
            && *named != province
        {
            set.admin1_disagreements += 1;
        }
        let event_type = match property(properties, &EVENT_TYPE) {
            None => u32::MAX,
            Some(name) => {
                let name = super::ged_violence_type(&name).map_or(name, str::to_owned);
                match set.type_names.iter().position(|n| *n == name) {
                    Some(at) => at as u32,
                    None => {
                        set.type_names.push(name);
                        set.type_names.len() as u32 - 1
                    }
                }
            }
        };
        let number =
            |names: &[&str]| property(properties, names).and_then(|t| t.parse::<u64>().ok());
        set.day.push(day);
        set.lon.push(lon as f32);
        set.lat.push(lat as f32);
        set.province.push(province);
        set.groups.push(groups);
        set.targets.push(targets);
        set.fatalities.push(fatalities);
        set.time_precision
            .push(number(&TIME_PRECISION).map_or(0, |n| n.min(255) as u8));
        set.geo_precision
            .push(number(&GEO_PRECISION).map_or(0, |n| n.min(255) as u8));
        set.row.push(row);
        set.offset.push(index as u64);
        set.actor1.push(actor1);
        set.actor2.push(actor2);
        set.assoc.push(assoc_index);
        set.admin1.push(admin1);
        set.event_type.push(event_type);
    }
    Ok(set)
}

pub(super) fn read_details(set: &EventSet, i: usize) -> Result<EventDetails, EventFileError> {
    let path = &set.source.path;
    let bytes = crate::files::read_bounded(path, super::read::MAX_GEOJSON_BYTES).map_err(|e| {
        EventFileError::Invalid {
            path: path.clone(),
            place: String::new(),
            message: format!("the file {e}"),
        }
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let root = parse(path, bytes)?;
    let feature = features(path, &root)?
        .get(set.offset[i] as usize)
        .ok_or_else(|| invalid(path, "the file changed since it was opened"))?;
    let empty = Map::new();
    let properties = properties_of(feature, &empty);
    let text = |names: &[&str]| property(properties, names).unwrap_or_default();
    let format = EventFormat::GeoJson;
    Ok(EventDetails {
        row: set.row[i],
        event_id: text(&["event_id_cnty", "id"]),
        date: text(&DATE),
        event_type: text(&["event_type", "type"]),
        actor1: text(&ACTOR1),
        actor2: text(&ACTOR2),
        associated_actors: ASSOC
            .iter()
            .filter_map(|n| property(properties, &[n]))
            .collect::<Vec<_>>()
            .join("; "),
        place: text(&["location", "where_description", "place"]),
        admin1: text(&ADMIN1),
        time_precision: time_precision_label(format, set.time_precision[i]).to_owned(),
        geo_precision: geo_precision_label(format, set.geo_precision[i]).to_owned(),
        fatalities: text(&FATALITIES),
        notes: text(&["notes", "source_headline", "description"]),
        source: text(&["source", "source_article"]),
    })
}
