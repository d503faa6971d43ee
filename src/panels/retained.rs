//! Panel content drawn again from what it drew last time, while nothing it shows can change.
//!
//! egui lays out every panel every frame. While the user pans the map, the province card and
//! the legend do not change at all, yet laying them out (strings, galleys, widgets) and
//! tessellating their text cost a panning frame more than the map does. A [`retained`] block
//! keeps the shapes its content painted and the widgets it registered; when a frame comes in
//! which nothing the content depends on can have changed, it paints those shapes again and
//! registers the same interactive widgets (so a click or tap in the next frame finds them),
//! without running the content. Labels are not registered again: a press on a label's text in
//! the very frame the pointer arrives (a touch screen's tap) does not start selecting it; the
//! next one does.
//!
//! The content runs as usual ("live") whenever any of these differ from when it was kept:
//! - the caller's `key` (everything the content reads: the province, the scene, the events…)
//!   and its `anchor` (an `Arc` the content reads, compared by identity and held, so that its
//!   address cannot be reused by a new one);
//! - where it is laid out: the block's position, available width, clip rectangle, layer;
//! - the style (theme, text sizes: compared by identity and held), pixels per point, whether
//!   the `Ui` is enabled, the font atlas (its size, or a fill ratio lower than when kept,
//!   which means it was cleared and the glyphs moved);
//!
//! or while it could be interacting: the pointer on or near it, a key or text event this frame,
//! a popup open, a widget of it focused or dragged, an assistive technology reading the window.
//! Content is kept only once two live frames in a row, in which nothing interacted with it,
//! painted the same shapes, registered the same widgets and returned no commands: so a button is
//! never kept drawn hovered, and an animation (a scroll) runs to its end before anything is
//! kept.
//!
//! Memory: one kept copy per block (a new one replaces the old), and none at all for content
//! of more than [`MAX_SHAPES`] shapes.

use std::{
    any::Any,
    hash::{Hash, Hasher},
    sync::Arc,
};

use egui::{
    Event, LayerId, Rect, Shape, Style, Ui, UiBuilder,
    epaint::{ClippedShape, Primitive, TessellationOptions},
};

/// Content painting more shapes than this is never kept (it is laid out every frame).
pub const MAX_SHAPES: usize = 20_000;

/// Content tessellated into more vertices than this is kept as shapes (tessellated each frame).
pub const MAX_VERTICES: usize = 200_000;

/// The pointer this near the block (points) counts as on it.
const POINTER_MARGIN: f32 = 16.0;

/// What a block painted and registered when it was last laid out.
#[derive(Clone)]
struct Kept {
    /// Everything the content and its placement depend on, hashed.
    key: u64,
    anchor: Option<Arc<dyn Any + Send + Sync>>,
    style: Arc<Style>,
    font_image_size: [usize; 2],
    font_fill_ratio: f32,
    tessellation: TessellationOptions,
    /// The space the content took.
    rect: Rect,
    layer: LayerId,
    shapes: Arc<Vec<ClippedShape>>,
    /// What is painted when drawn again: once settled, `shapes` tessellated (meshes, so that
    /// neither the layout nor the tessellation of their text is done again).
    paint: Arc<Vec<ClippedShape>>,
    /// The widgets that can take the keyboard focus: buttons, links, check boxes, text boxes,
    /// sliders. (Not labels: registering a widget costs about as much as drawing it again, and
    /// a label's text selection is all a first press on one starts.)
    widgets: Arc<Vec<egui::WidgetRect>>,
    /// Whether nothing interacted with the block in the frame it was laid out.
    quiet: bool,
    /// Whether the last two live frames were quiet and painted and registered the same.
    settled: bool,
}

/// Shows `add_contents`, or what it showed last time when nothing it depends on can have
/// changed (see the module's documentation). `id_salt` names the block (stable across frames);
/// `key` hashes everything the content reads; `anchor`, if given, is data the content reads,
/// compared by identity. Returns the contents' commands, none when drawn again.
pub fn retained<C>(
    ui: &mut Ui,
    id_salt: impl Hash + std::fmt::Debug,
    key: impl Hash,
    anchor: Option<Arc<dyn Any + Send + Sync>>,
    add_contents: impl FnOnce(&mut Ui) -> Vec<C>,
) -> Vec<C> {
    let id = ui.scope_id().with(("retained", id_salt));
    let full_key = full_key(ui, &key);
    let (font_image_size, font_fill_ratio) = ui
        .ctx()
        .fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio()));
    let tessellation = ui.ctx().tessellation_options(|o| *o);
    let kept = ui.data(|d| d.get_temp::<Arc<Kept>>(id));
    if let Some(kept) = &kept
        && kept.settled
        && kept.key == full_key
        && same_anchor(kept.anchor.as_ref(), anchor.as_ref())
        && Arc::ptr_eq(&kept.style, ui.style())
        && kept.font_image_size == font_image_size
        && font_fill_ratio >= kept.font_fill_ratio
        && kept.tessellation == tessellation
        && quiet(ui, kept.rect, &kept.widgets)
    {
        replay(ui, kept);
        return Vec::new();
    }

    let layer = ui.layer_id();
    let first_shape = ui
        .ctx()
        .graphics(|g| g.get(layer).map_or(0, |list| list.next_idx().0));
    let first_widget = widget_count(ui, layer);
    let response = ui.scope(add_contents);
    let commands = response.inner;
    let rect = response.response.rect;

    let shapes: Vec<ClippedShape> = ui.ctx().graphics(|g| {
        g.get(layer).map_or_else(Vec::new, |list| {
            list.all_entries().skip(first_shape).cloned().collect()
        })
    });
    if shapes.len() > MAX_SHAPES {
        ui.data_mut(|d| d.remove::<Arc<Kept>>(id));
        return commands;
    }
    let widgets: Vec<egui::WidgetRect> = ui.ctx().viewport(|v| {
        v.this_pass
            .widgets
            .get_layer(layer)
            .skip(first_widget)
            .filter(|w| w.sense.is_focusable())
            .copied()
            .collect()
    });
    // Kept only from frames nothing interacted in (a button drawn hovered must not be drawn so
    // again once the pointer has left).
    let quiet_now = quiet(ui, rect, &widgets);
    let settled = commands.is_empty()
        && quiet_now
        && kept.as_ref().is_some_and(|kept| {
            kept.quiet
                && kept.key == full_key
                && same_anchor(kept.anchor.as_ref(), anchor.as_ref())
                && Arc::ptr_eq(&kept.style, ui.style())
                && kept.rect == rect
                && kept.layer == layer
                && *kept.widgets == widgets
                && *kept.shapes == shapes
        });
    let shapes = Arc::new(shapes);
    let paint = if settled {
        as_meshes(ui.ctx(), &shapes).map_or_else(|| Arc::clone(&shapes), Arc::new)
    } else {
        Arc::clone(&shapes)
    };
    // The atlas as the meshes' texture coordinates know it: after the content added its glyphs.
    let (font_image_size, font_fill_ratio) = ui
        .ctx()
        .fonts(|f| (f.font_image_size(), f.font_atlas_fill_ratio()));
    let kept = Kept {
        key: full_key,
        anchor,
        style: Arc::clone(ui.style()),
        font_image_size,
        font_fill_ratio,
        tessellation,
        rect,
        layer,
        shapes,
        paint,
        widgets: Arc::new(widgets),
        quiet: quiet_now,
        settled,
    };
    ui.data_mut(|d| d.insert_temp(id, Arc::new(kept)));
    commands
}

/// `shapes` tessellated as the frame's end will, as meshes in the same places; `None` when
/// they hold a paint callback or more than [`MAX_VERTICES`] vertices.
fn as_meshes(ctx: &egui::Context, shapes: &[ClippedShape]) -> Option<Vec<ClippedShape>> {
    let primitives = ctx.tessellate(shapes.to_vec(), ctx.pixels_per_point());
    let mut vertices = 0;
    let mut meshes = Vec::with_capacity(primitives.len());
    for primitive in primitives {
        let Primitive::Mesh(mesh) = primitive.primitive else {
            return None;
        };
        vertices += mesh.vertices.len();
        if vertices > MAX_VERTICES {
            return None;
        }
        meshes.push(ClippedShape::new(primitive.clip_rect, Shape::mesh(mesh)));
    }
    Some(meshes)
}

/// The caller's key with where and how the block is laid out.
fn full_key(ui: &Ui, key: &impl Hash) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    key.hash(&mut hasher);
    let cursor = ui.cursor();
    let clip = ui.clip_rect();
    let max = ui.max_rect();
    for value in [
        cursor.min.x,
        cursor.min.y,
        ui.available_width(),
        clip.min.x,
        clip.min.y,
        clip.max.x,
        clip.max.y,
        max.min.x,
        max.max.x,
        ui.ctx().pixels_per_point(),
    ] {
        value.to_bits().hash(&mut hasher);
    }
    ui.layer_id().hash(&mut hasher);
    ui.is_enabled().hash(&mut hasher);
    ui.is_visible().hash(&mut hasher);
    hasher.finish()
}

fn same_anchor(
    a: Option<&Arc<dyn Any + Send + Sync>>,
    b: Option<&Arc<dyn Any + Send + Sync>>,
) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

fn widget_count(ui: &Ui, layer: LayerId) -> usize {
    ui.ctx()
        .viewport(|v| v.this_pass.widgets.get_layer(layer).count())
}

/// Whether nothing can be interacting with the block (at `rect`, with these interactive
/// `widgets`) this frame.
fn quiet(ui: &Ui, rect: Rect, widgets: &[egui::WidgetRect]) -> bool {
    let ctx = ui.ctx();
    let read_aloud = ctx.accesskit_node_builder(ui.unique_id(), |_| ()).is_some();
    if read_aloud || ctx.any_popup_open() || egui::Popup::is_any_open(ctx) {
        return false;
    }
    let near = rect.expand(POINTER_MARGIN);
    let input_quiet = ctx.input(|i| {
        let pointer_near = i.pointer.latest_pos().is_some_and(|p| near.contains(p))
            || i.pointer.press_origin().is_some_and(|p| near.contains(p));
        let typed = i.events.iter().any(|event| {
            matches!(
                event,
                Event::Key { .. }
                    | Event::Text(_)
                    | Event::Copy
                    | Event::Cut
                    | Event::Paste(_)
                    | Event::Ime(_)
            )
        });
        !pointer_near && !typed
    });
    if !input_quiet {
        return false;
    }
    let focused = ctx.memory(|m| m.focused());
    let dragged = ctx.dragged_id();
    !widgets
        .iter()
        .any(|w| Some(w.id) == focused || Some(w.id) == dragged)
}

/// Paints the kept shapes and registers the kept widgets again, taking the same space.
fn replay(ui: &mut Ui, kept: &Kept) {
    let layer = kept.layer;
    ui.ctx().graphics_mut(|g| {
        let list = g.entry(layer);
        for shape in kept.paint.iter() {
            // With its transform after tessellation, if any.
            let index = list.add(shape.clip_rect, Shape::Noop);
            list.mutate_shape(index, |added| *added = shape.clone());
        }
    });
    if !kept.widgets.is_empty() {
        // Detached `Ui`s (not children of `ui`, which would count them among its widgets and
        // give the widgets after the block other automatic ids than a live frame gives them).
        let id = ui.unique_id().with("retained_widgets");
        let everywhere = UiBuilder::new().layer_id(layer).max_rect(kept.rect);
        let enabled = Ui::new(ui.ctx().clone(), id, everywhere.clone());
        let disabled = Ui::new(ui.ctx().clone(), id.with("disabled"), everywhere.disabled());
        for widget in kept.widgets.iter() {
            let child = if widget.enabled { &enabled } else { &disabled };
            child.interact(widget.interact_rect, widget.id, widget.sense);
        }
    }
    ui.advance_cursor_after_rect(kept.rect);
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{
        CentralPanel, Context, FullOutput, Modifiers, PointerButton, RawInput, TextureId, Theme,
        epaint::Vertex, pos2, vec2,
    };
    use std::cell::Cell;

    /// One app under test: a panel with some space, then a retained block of a label and a
    /// button, whose content counts its runs.
    struct Harness {
        ctx: Context,
        runs: Cell<usize>,
        button: Cell<Rect>,
        key: u32,
        anchor: Arc<dyn Any + Send + Sync>,
        space: f32,
        width: f32,
        command_every_frame: bool,
        /// The id of a button after the block, in the last frame.
        after: Cell<Option<egui::Id>>,
    }

    impl Harness {
        fn new() -> Self {
            Self {
                ctx: Context::default(),
                runs: Cell::new(0),
                button: Cell::new(Rect::NOTHING),
                key: 1,
                anchor: Arc::new(1u32),
                space: 10.0,
                width: 400.0,
                command_every_frame: false,
                after: Cell::new(None),
            }
        }

        /// Runs a frame with these events; the commands the block returned, and the output.
        fn frame_with(&self, events: Vec<Event>) -> (Vec<&'static str>, FullOutput) {
            let input = RawInput {
                screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(self.width, 300.0))),
                events,
                ..Default::default()
            };
            let mut commands = Vec::new();
            let mut output = self.ctx.run_ui(input, |ui| {
                CentralPanel::default().show(ui, |ui| {
                    ui.add_space(self.space);
                    commands =
                        retained(ui, "test", self.key, Some(Arc::clone(&self.anchor)), |ui| {
                            self.runs.set(self.runs.get() + 1);
                            ui.label("Some text that the block shows");
                            let button = ui.button("Press");
                            self.button.set(button.rect);
                            if self.command_every_frame {
                                vec!["tick"]
                            } else if button.clicked() {
                                vec!["pressed"]
                            } else {
                                Vec::new()
                            }
                        });
                    ui.label("After the block");
                    self.after.set(Some(ui.button("After").id));
                });
            });
            output.textures_delta.clear();
            (commands, output)
        }

        fn frame(&self) -> FullOutput {
            self.frame_with(Vec::new()).1
        }

        /// Runs frames until the block is drawn again without running (at most 5).
        fn settle(&self) {
            for _ in 0..5 {
                let before = self.runs.get();
                self.frame();
                if self.runs.get() == before {
                    return;
                }
            }
            panic!("the block never settled");
        }

        /// Whether the next frame runs the content.
        fn next_frame_runs(&self) -> bool {
            let before = self.runs.get();
            self.frame();
            self.runs.get() > before
        }
    }

    /// The frame's shapes tessellated: each mesh's clip rectangle, texture, vertices and indices.
    fn meshes(
        ctx: &Context,
        shapes: Vec<ClippedShape>,
    ) -> Vec<(Rect, TextureId, Vec<Vertex>, Vec<u32>)> {
        ctx.tessellate(shapes, ctx.pixels_per_point())
            .into_iter()
            .filter_map(|p| match p.primitive {
                Primitive::Mesh(mesh) => {
                    Some((p.clip_rect, mesh.texture_id, mesh.vertices, mesh.indices))
                }
                Primitive::Callback(_) => None,
            })
            .collect()
    }

    #[test]
    fn settled_content_is_drawn_again_without_running_and_looks_the_same() {
        let h = Harness::new();
        let first = h.frame();
        let second = h.frame();
        assert_eq!(h.runs.get(), 2, "the first two frames lay the block out");
        let third = h.frame();
        assert_eq!(h.runs.get(), 2, "the third is drawn from the kept shapes");
        assert!(
            first.shapes == second.shapes,
            "two live frames draw the same"
        );
        let fourth = h.frame();
        assert_eq!(h.runs.get(), 2);
        let live = meshes(&h.ctx, second.shapes);
        assert!(
            live == meshes(&h.ctx, third.shapes) && live == meshes(&h.ctx, fourth.shapes),
            "the same vertices, in the same meshes"
        );
    }

    /// A change to one thing the block depends on.
    type Change = Box<dyn Fn(&mut Harness)>;

    #[test]
    fn widgets_after_the_block_keep_their_ids_when_it_is_drawn_again() {
        let h = Harness::new();
        h.frame();
        let live = h.after.get();
        h.settle();
        assert!(!h.next_frame_runs());
        assert_eq!(h.after.get(), live);
    }

    #[test]
    fn each_thing_it_depends_on_lays_it_out_again() {
        let changes: Vec<(&str, Change)> = vec![
            ("key", Box::new(|h| h.key += 1)),
            ("anchor", Box::new(|h| h.anchor = Arc::new(1u32))),
            ("position", Box::new(|h| h.space += 5.0)),
            ("width", Box::new(|h| h.width -= 40.0)),
            (
                "theme",
                Box::new(|h| {
                    h.ctx.set_theme(if h.ctx.theme() == Theme::Dark {
                        Theme::Light
                    } else {
                        Theme::Dark
                    });
                }),
            ),
            (
                "text size",
                Box::new(|h| {
                    h.ctx.all_styles_mut(|s| {
                        for font in s.text_styles.values_mut() {
                            font.size += 1.0;
                        }
                    });
                }),
            ),
            (
                "pixels per point",
                Box::new(|h| h.ctx.set_pixels_per_point(h.ctx.pixels_per_point() * 2.0)),
            ),
            (
                "tessellation options",
                Box::new(|h| {
                    h.ctx
                        .tessellation_options_mut(|o| o.feathering = !o.feathering)
                }),
            ),
            (
                "focus",
                Box::new(|h| {
                    let id = h.ctx.viewport(|v| {
                        v.prev_pass
                            .widgets
                            .get_layer(LayerId::background())
                            .find(|w| w.sense.senses_click() && w.rect == h.button.get())
                            .map(|w| w.id)
                    });
                    h.ctx
                        .memory_mut(|m| m.request_focus(id.expect("the button")));
                }),
            ),
            ("accesskit", Box::new(|h| h.ctx.enable_accesskit())),
        ];
        for (what, change) in changes {
            let mut h = Harness::new();
            h.settle();
            assert!(!h.next_frame_runs(), "{what}: settled");
            change(&mut h);
            assert!(h.next_frame_runs(), "{what}: changed, so laid out again");
        }
    }

    #[test]
    fn the_pointer_near_it_or_a_key_lays_it_out_again() {
        let h = Harness::new();
        h.settle();
        let button = h.button.get();
        let near = [
            Event::PointerMoved(button.center()),
            Event::PointerMoved(button.left_top() - vec2(0.0, POINTER_MARGIN / 2.0)),
        ];
        for event in near {
            let before = h.runs.get();
            h.frame_with(vec![event.clone()]);
            assert!(h.runs.get() > before, "{event:?}");
            // Away again: settles (hover fading) and is then kept.
            h.frame_with(vec![Event::PointerMoved(pos2(390.0, 290.0))]);
            h.settle();
        }
        let before = h.runs.get();
        h.frame_with(vec![Event::Text("a".to_owned())]);
        assert!(h.runs.get() > before, "a key typed");
        h.settle();
        let before = h.runs.get();
        h.frame_with(vec![Event::PointerMoved(pos2(390.0, 290.0))]);
        assert_eq!(h.runs.get(), before, "the pointer far away");
    }

    #[test]
    fn what_the_pointer_hovered_is_not_kept_once_it_leaves() {
        let h = Harness::new();
        h.settle();
        let unhovered = meshes(&h.ctx, h.frame().shapes);
        let on_button = Event::PointerMoved(h.button.get().center());
        for _ in 0..4 {
            h.frame_with(vec![on_button.clone()]);
        }
        let before = h.runs.get();
        h.frame_with(vec![Event::PointerMoved(pos2(390.0, 290.0))]);
        assert!(h.runs.get() > before, "laid out as the pointer leaves");
        h.settle();
        assert!(
            meshes(&h.ctx, h.frame().shapes) == unhovered,
            "drawn again as it looks unhovered"
        );
    }

    #[test]
    fn a_tap_right_after_a_frame_drawn_again_presses_the_button() {
        let h = Harness::new();
        h.settle();
        assert!(!h.next_frame_runs());
        let at = h.button.get().center();
        // A touch screen: the pointer arrives and presses in the same frame.
        let (pressed, _) = h.frame_with(vec![
            Event::PointerMoved(at),
            Event::PointerButton {
                pos: at,
                button: PointerButton::Primary,
                pressed: true,
                modifiers: Modifiers::default(),
            },
        ]);
        assert!(pressed.is_empty());
        let (released, _) = h.frame_with(vec![Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::default(),
        }]);
        assert_eq!(released, vec!["pressed"]);
    }

    #[test]
    fn content_that_returns_commands_is_not_kept() {
        let mut h = Harness::new();
        h.command_every_frame = true;
        for frame in 0..5 {
            let (commands, _) = h.frame_with(Vec::new());
            assert_eq!(commands, vec!["tick"]);
            assert_eq!(h.runs.get(), frame + 1);
        }
    }
}
