//! Long panel content laid out only where it can be seen.
//!
//! egui lays out a scroll area's whole content every frame, seen or not, so a long province card
//! or group profile costs a frame as much as the map does — while the user pans the map and the
//! panel does not change at all. A [`lazy_block`] remembers how tall its content was at this width
//! and, while that space is outside the visible part of the scroll area, only reserves it.
//! The content's identity is part of the block's id, so when what it shows changes (another
//! province, other dates) it is laid out and measured afresh.
//!
//! When an assistive technology reads the window (AccessKit is on), everything is laid out as
//! before, so a screen reader still finds every row of a list, seen or not.

use std::{fmt::Debug, hash::Hash};

use egui::{Ui, vec2};

/// Content nearer than this to the visible area (points) is laid out anyway, so it is ready
/// when scrolled to and its height is known.
const MARGIN: f32 = 200.0;

/// Where and how tall a block was when last laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Measured {
    width: f32,
    height: f32,
}

/// Shows `add_contents` if any of it could be on screen, else reserves the height it had when
/// last shown at this width. `content` identifies what the block shows: give everything its
/// height depends on (the province, the filters, …). Returns the contents' result when shown.
pub fn lazy_block<R>(
    ui: &mut Ui,
    content: impl Hash + Debug,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> Option<R> {
    let id = ui.scope_id().with(("lazy_block", content));
    let width = ui.available_width();
    let top = ui.cursor().min.y;
    let visible = ui.clip_rect().expand(MARGIN);
    let measured = ui.data(|data| data.get_temp::<Measured>(id));
    let read_aloud = ui
        .ctx()
        .accesskit_node_builder(ui.unique_id(), |_| ())
        .is_some();
    if let Some(measured) = measured.filter(|m| !read_aloud && (m.width - width).abs() < 0.5) {
        let off_screen = top > visible.bottom() || top + measured.height < visible.top();
        if off_screen {
            ui.allocate_space(vec2(width, measured.height));
            return None;
        }
    }
    let response = ui.scope(add_contents);
    let height = response.response.rect.height();
    ui.data_mut(|data| data.insert_temp(id, Measured { width, height }));
    Some(response.inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Context, RawInput, Rect, ScrollArea, pos2};

    /// Runs frames of a scroll area of 100 blocks, each a label of known height, and returns which
    /// blocks were laid out in the last frame and the content's height.
    fn run(frames: usize, offset: f32) -> (Vec<usize>, f32) {
        run_with(Context::default(), frames, offset)
    }

    fn run_with(ctx: Context, frames: usize, offset: f32) -> (Vec<usize>, f32) {
        let mut shown = Vec::new();
        let mut content_height = 0.0;
        for _ in 0..frames {
            shown.clear();
            let input = RawInput {
                screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0))),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                let output = ScrollArea::vertical()
                    .vertical_scroll_offset(offset)
                    .show(ui, |ui| {
                        for block in 0..100 {
                            let laid_out = lazy_block(ui, ("block", block), |ui| {
                                ui.add_space(40.0 + (block % 3) as f32 * 10.0);
                            });
                            if laid_out.is_some() {
                                shown.push(block);
                            }
                        }
                    });
                content_height = output.content_size.y;
            });
            // Nothing is drawn: the font texture's updates are not needed.
            output.textures_delta.clear();
        }
        (shown, content_height)
    }

    #[test]
    fn the_first_frame_lays_out_everything_later_frames_only_what_is_near_the_view() {
        let (first, height_first) = run(1, 0.0);
        assert_eq!(
            first.len(),
            100,
            "nothing measured yet, so everything is laid out"
        );
        let (later, height_later) = run(3, 0.0);
        assert!(
            later.len() < 20 && later.contains(&0),
            "only blocks near the top: {later:?}"
        );
        assert_eq!(
            height_first, height_later,
            "skipped blocks keep their height"
        );
    }

    #[test]
    fn scrolled_content_lays_out_the_blocks_in_view() {
        let (shown, _) = run(3, 3000.0);
        // Block heights cycle 40, 50, 60 plus 3 points of spacing: about 53 a block.
        assert!(
            shown.iter().all(|b| (45..=70).contains(b)) && shown.contains(&57),
            "blocks around 3000 points down: {shown:?}"
        );
    }

    #[test]
    fn a_screen_reader_gets_every_block() {
        let ctx = Context::default();
        ctx.enable_accesskit();
        let (shown, _) = run_with(ctx, 3, 0.0);
        assert_eq!(shown.len(), 100);
    }
}
