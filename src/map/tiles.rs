//! Tiles behind one door: the images the map draws its layers from while it pans, kept by a
//! typed key while they are used, within a memory budget.
//!
//! Every layer drawn from tiles (fills and patterns, borders, the event dots, the province
//! circles) keeps them here. A cache knows nothing of what a tile shows: its owner says what a
//! key means, makes a tile when [`TileCache::get`] finds none, and says how many bytes it holds.
//! A tile used in the current frame is never dropped; beyond that, the least recently used go
//! first once the cache holds more than its budget.

use std::{collections::HashMap, hash::Hash};

/// Bytes of one RGBA image `width` × `height` pixels, as the GPU keeps it.
pub fn image_bytes([width, height]: [usize; 2]) -> usize {
    width.saturating_mul(height).saturating_mul(4)
}

/// The tile of side `side` holding `pos` (tiles start at the origin of `pos`'s space).
pub fn tile_of(pos: egui::Pos2, side: f32) -> (i32, i32) {
    ((pos.x / side).floor() as i32, (pos.y / side).floor() as i32)
}

/// The memory a cache may keep (beyond the tiles of the current frame).
pub const DEFAULT_BUDGET_BYTES: usize = 48 * 1024 * 1024;

/// Tiles by key, least recently used dropped first past a byte budget.
pub struct TileCache<K, T> {
    tiles: HashMap<K, Kept<T>>,
    frame: u64,
    bytes: usize,
    budget_bytes: usize,
}

struct Kept<T> {
    tile: T,
    bytes: usize,
    last_used: u64,
}

impl<K, T> Default for TileCache<K, T> {
    fn default() -> Self {
        Self::with_budget(DEFAULT_BUDGET_BYTES)
    }
}

impl<K, T> TileCache<K, T> {
    /// An empty cache that keeps at most `budget_bytes` beyond the current frame's tiles.
    pub fn with_budget(budget_bytes: usize) -> Self {
        Self {
            tiles: HashMap::new(),
            frame: 0,
            bytes: 0,
            budget_bytes,
        }
    }

    /// Starts a frame: tiles used from now on are this frame's, and are kept whatever the budget.
    pub fn next_frame(&mut self) {
        self.frame += 1;
    }

    /// Drops every tile.
    pub fn clear(&mut self) {
        self.tiles.clear();
        self.bytes = 0;
    }

    /// How many tiles are kept.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.tiles.len()
    }

    /// Whether no tile is kept.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.tiles.is_empty()
    }

    /// The bytes the kept tiles hold.
    #[cfg(test)]
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The kept tiles, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &T)> {
        self.tiles.iter().map(|(key, kept)| (key, &kept.tile))
    }
}

impl<K: Copy + Eq + Hash, T> TileCache<K, T> {
    /// The tile for `key`, marked as used in this frame; made by `make` (the tile and the bytes it
    /// holds) when there is none, unless `may_make` is false — then `None`.
    pub fn get(&mut self, key: K, may_make: bool, make: impl FnOnce() -> (T, usize)) -> Option<&T> {
        let frame = self.frame;
        if !self.tiles.contains_key(&key) {
            if !may_make {
                return None;
            }
            let (tile, bytes) = make();
            self.bytes += bytes;
            self.tiles.insert(
                key,
                Kept {
                    tile,
                    bytes,
                    last_used: frame,
                },
            );
            self.evict();
        }
        let kept = self.tiles.get_mut(&key)?;
        kept.last_used = frame;
        Some(&kept.tile)
    }

    /// Drops the least recently used tiles, never this frame's, until the budget is kept.
    fn evict(&mut self) {
        if self.bytes <= self.budget_bytes {
            return;
        }
        let mut by_age: Vec<(u64, K)> = self
            .tiles
            .iter()
            .filter(|(_, kept)| kept.last_used < self.frame)
            .map(|(key, kept)| (kept.last_used, *key))
            .collect();
        by_age.sort_unstable_by_key(|(last_used, _)| *last_used);
        for (_, key) in by_age {
            if self.bytes <= self.budget_bytes {
                break;
            }
            if let Some(kept) = self.tiles.remove(&key) {
                self.bytes -= kept.bytes;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TILE: usize = 256 * 256 * 4;

    /// Pans a 4 × 3 view of tiles `steps` tiles to the right, one tile a frame; the most bytes
    /// the cache held after any frame.
    fn pan(cache: &mut TileCache<(i32, i32), u32>, steps: i32) -> usize {
        let mut most = 0;
        for step in 0..steps {
            cache.next_frame();
            for y in 0..3 {
                for x in step..step + 4 {
                    let _ = cache.get((x, y), true, || (0, TILE));
                }
            }
            most = most.max(cache.bytes());
        }
        most
    }

    #[test]
    fn tiles_past_the_budget_are_dropped_least_recently_used_first() {
        let budget = 20 * TILE;
        let mut cache = TileCache::with_budget(budget);
        let most = pan(&mut cache, 40);
        // 40 steps see 43 × 3 = 129 tiles: far more than the budget holds, so this fails if
        // nothing is ever dropped.
        assert!(most <= budget, "{most} > {budget}");
        assert!(cache.len() >= 12, "the frame's own tiles are kept");
        // The newest columns are kept, the oldest gone.
        assert!(cache.iter().any(|(key, _)| *key == (42, 0)));
        assert!(!cache.iter().any(|(key, _)| *key == (0, 0)));
    }

    #[test]
    fn the_current_frame_keeps_its_tiles_even_over_the_budget() {
        let mut cache: TileCache<(i32, i32), u32> = TileCache::with_budget(2 * TILE);
        cache.next_frame();
        for x in 0..6 {
            assert!(cache.get((x, 0), true, || (0, TILE)).is_some());
        }
        assert_eq!(cache.len(), 6);
        cache.next_frame();
        let _ = cache.get((9, 9), true, || (0, TILE));
        assert!(
            cache.bytes() <= 2 * TILE,
            "older tiles go once a new frame starts"
        );
        assert!(cache.iter().any(|(key, _)| *key == (9, 9)));
    }

    #[test]
    fn a_tile_is_made_once_and_only_when_allowed() {
        let mut cache: TileCache<u8, u32> = TileCache::default();
        cache.next_frame();
        assert_eq!(cache.get(1, false, || (7, 1)), None);
        assert_eq!(cache.get(1, true, || (7, 1)), Some(&7));
        assert_eq!(cache.get(1, true, || unreachable!("made twice")), Some(&7));
        cache.clear();
        assert!(cache.is_empty());
        assert_eq!(cache.bytes(), 0);
    }
}
