//! One event, counted once: event ids (ACLED `event_id_cnty`, GED `id`, a GeoJSON feature's id)
//! are kept as 64-bit hashes, so a row repeating an id read before — in the same file (left out
//! while reading) or in an earlier file (left out by [`drop_ids_read_before`]) — is counted once,
//! and the reader says how many it left out.

use std::hash::BuildHasher as _;

use super::EventSet;

/// The hash of an event without an id: never compared.
pub const NO_ID: u64 = 0;

/// An event id as kept: a 64-bit hash with a fixed seed (the same hash for the same id in
/// every file read by one run; hashes are never stored), [`NO_ID`] for an empty id. Two
/// different ids share a hash with a chance of about one in 10^19 per pair.
pub fn id_hash(id: &[u8]) -> u64 {
    if id.is_empty() {
        return NO_ID;
    }
    const SEED: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0x0005_eeda_71a5);
    SEED.hash_one(id).max(1)
}

/// Tells which events of a file repeat an id read before in the file, in two steps: while
/// the file is read, each id is noted in a bit array (one bit per id hash, a few megabytes,
/// so it stays in the cache where a set of a million ids would not); an id whose bit is
/// already set may be a repeat and is kept aside. Once the file is read,
/// [`Self::first_of_each`] tells the repeats among those few. The result is that of a set of
/// every id read.
#[derive(Debug)]
pub(super) struct IdFilter {
    bits: Vec<u64>,
    /// The bits set a second time: only ids on these can be repeats.
    again: Vec<u64>,
    /// Bits in `bits`, a power of two.
    shift: u32,
    /// Ids whose bit was set when they were noted: repeats, or ids sharing a bit.
    maybe: std::collections::HashSet<u64, foldhash::fast::RandomState>,
}

impl Default for IdFilter {
    fn default() -> Self {
        Self::for_ids(1 << 12)
    }
}

impl IdFilter {
    /// A filter for about `ids` ids: 16 bits an id, so that about one id in 32 is kept aside.
    pub(super) fn for_ids(ids: usize) -> Self {
        let bits = ids
            .saturating_mul(16)
            .clamp(64, 1 << 32)
            .next_power_of_two();
        Self {
            bits: vec![0; bits / 64],
            again: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
            maybe: Default::default(),
        }
    }

    /// Notes an id read ([`NO_ID`] is never a repeat).
    pub(super) fn note(&mut self, id: u64) {
        if id == NO_ID {
            return;
        }
        let (word, mask) = self.bit(id);
        if let (Some(bits), Some(again)) = (self.bits.get_mut(word), self.again.get_mut(word)) {
            if *bits & mask != 0 {
                self.maybe.insert(id);
                *again |= mask;
            }
            *bits |= mask;
        }
    }

    /// The word and the bit an id falls on: the hash's top bits pick it.
    fn bit(&self, id: u64) -> (usize, u64) {
        let bit = (id >> self.shift) as usize;
        (bit / 64, 1u64 << (bit % 64))
    }

    /// Whether `id`'s bit was set more than once (so it may be a repeat, or a first read of
    /// one).
    fn set_again(&self, id: u64) -> bool {
        let (word, mask) = self.bit(id);
        self.again.get(word).is_some_and(|w| w & mask != 0)
    }

    /// Given every id noted, in the order noted: which events to keep (the first of each id,
    /// and every event without one), or `None` when no id repeats.
    pub(super) fn first_of_each(&self, ids: &[u64]) -> Option<Vec<bool>> {
        if self.maybe.is_empty() {
            return None;
        }
        let mut seen = std::collections::HashSet::<u64, foldhash::fast::RandomState>::default();
        let keep: Vec<bool> = ids
            .iter()
            .map(|id| !self.set_again(*id) || !self.maybe.contains(id) || seen.insert(*id))
            .collect();
        keep.contains(&false).then_some(keep)
    }
}

/// Leaves out of each set the events whose id an earlier set (in `sets`' order) has, recording
/// how many in [`EventSet::ids_in_earlier_files`]; returns how many in all.
pub fn drop_ids_read_before(sets: &mut [EventSet]) -> usize {
    let mut seen = std::collections::HashSet::<u64, foldhash::fast::RandomState>::default();
    let mut dropped = 0;
    let count = sets.len();
    for (n, set) in sets.iter_mut().enumerate() {
        if n > 0 {
            dropped += drop_seen(set, &seen);
        }
        // The last set's ids are compared with no later set's.
        if n + 1 < count {
            seen.extend(set.id_hash.iter().copied().filter(|id| *id != NO_ID));
        }
    }
    dropped
}

/// Leaves out of `set` the events whose id is in `seen`; how many.
fn drop_seen(
    set: &mut EventSet,
    seen: &std::collections::HashSet<u64, foldhash::fast::RandomState>,
) -> usize {
    let keep: Vec<bool> = set
        .id_hash
        .iter()
        .map(|id| *id == NO_ID || !seen.contains(id))
        .collect();
    let repeated = keep.iter().filter(|k| !**k).count();
    if repeated > 0 {
        set.retain(&keep);
        set.ids_in_earlier_files += repeated;
    }
    repeated
}

impl EventSet {
    /// Keeps only the events whose place in `keep` is true (`keep` has one entry per event).
    pub fn retain(&mut self, keep: &[bool]) {
        fn kept<T: Copy>(items: &mut Vec<T>, keep: &[bool]) {
            let mut at = 0;
            items.retain(|_| {
                at += 1;
                keep.get(at - 1).copied().unwrap_or(true)
            });
        }
        kept(&mut self.day, keep);
        kept(&mut self.lon, keep);
        kept(&mut self.lat, keep);
        kept(&mut self.province, keep);
        kept(&mut self.groups, keep);
        kept(&mut self.targets, keep);
        kept(&mut self.fatalities, keep);
        kept(&mut self.time_precision, keep);
        kept(&mut self.geo_precision, keep);
        kept(&mut self.row, keep);
        kept(&mut self.offset, keep);
        kept(&mut self.actor1, keep);
        kept(&mut self.actor2, keep);
        kept(&mut self.assoc, keep);
        kept(&mut self.admin1, keep);
        kept(&mut self.event_type, keep);
        kept(&mut self.id_hash, keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::events::{EventFormat, EventSource};

    fn set(ids: &[&str]) -> EventSet {
        let mut set = EventSet::empty(EventSource {
            path: "x.csv".into(),
            format: EventFormat::Acled,
            publisher: String::new(),
        });
        for (i, id) in ids.iter().enumerate() {
            set.day.push(i as i32);
            set.lon.push(69.0);
            set.lat.push(34.0);
            set.province.push(crate::data::ProvinceIdx(0));
            set.groups.push(Default::default());
            set.targets.push(Default::default());
            set.fatalities.push(i as u32);
            set.time_precision.push(1);
            set.geo_precision.push(1);
            set.row.push(i as u64 + 2);
            set.offset.push(0);
            set.actor1.push(super::super::ActorId::NONE);
            set.actor2.push(super::super::ActorId::NONE);
            set.assoc.push(u32::MAX);
            set.admin1.push(u32::MAX);
            set.event_type.push(u32::MAX);
            set.id_hash.push(id_hash(id.as_bytes()));
        }
        set
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, failure_persistence: None, ..Default::default() })]

        #[test]
        fn the_filter_keeps_exactly_the_first_of_each_id_as_a_set_of_every_id_does(
            ids in proptest::collection::vec(0u64..400, 0..600),
            small in proptest::prelude::any::<bool>(),
        ) {
            // Hashes of few distinct ids (many repeats), and a filter small enough that many
            // ids share a bit.
            let ids: Vec<u64> = ids
                .iter()
                .map(|i| if *i == 0 { NO_ID } else { id_hash(&i.to_le_bytes()) })
                .collect();
            let mut filter = if small { IdFilter::for_ids(1) } else { IdFilter::for_ids(ids.len()) };
            for id in &ids {
                filter.note(*id);
            }
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<bool> = ids.iter().map(|id| *id == NO_ID || seen.insert(*id)).collect();
            let keep = filter.first_of_each(&ids).unwrap_or_else(|| vec![true; ids.len()]);
            proptest::prop_assert_eq!(keep, expected);
        }
    }

    #[test]
    fn an_id_read_in_an_earlier_file_is_counted_once_and_events_without_ids_always() {
        let mut sets = [
            set(&["AFG1", "AFG2", ""]),
            set(&["AFG2", "AFG3", "", "AFG1"]),
        ];
        assert_eq!(drop_ids_read_before(&mut sets), 2);
        assert_eq!(sets[0].len(), 3);
        assert_eq!(sets[1].len(), 2, "AFG3 and the event without an id");
        assert_eq!(sets[1].fatalities, vec![1, 2], "every column kept in step");
        assert_eq!(sets[1].row, vec![3, 4]);
        assert_eq!(sets[1].ids_in_earlier_files, 2);
        assert_eq!(id_hash(b"AFG1"), id_hash(b"AFG1"));
        assert_ne!(id_hash(b"AFG1"), id_hash(b"AFG2"));
        assert_eq!(id_hash(b""), NO_ID);
    }
}
