//! Laying out long text, as a pasted wall of text in a title, a note or a group's name would be:
//! word wrapping for pages (a legend column's width, and no limit — one long line, where
//! measuring every line again from its start made the cost grow with the square of its length)
//! and shaping a line in the bundled faces. Each at 1k, 10k and 100k characters; the time per
//! character should stay the same.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use resistance_atlas::{export::wrap::wrap_words, text};

/// `chars` characters of words of 1–9 letters.
fn words(chars: usize) -> String {
    let mut text = String::with_capacity(chars + 10);
    let mut n = 0_usize;
    while text.len() < chars {
        let letters = 1 + n % 9;
        text.extend(std::iter::repeat_n('a', letters));
        text.push(' ');
        n += 1;
    }
    text.truncate(chars);
    text
}

fn layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("text_layout");
    for chars in [1_000, 10_000, 100_000] {
        let text = words(chars);
        group.throughput(Throughput::Elements(chars as u64));
        group.bench_with_input(BenchmarkId::new("wrap_column", chars), &text, |b, text| {
            b.iter(|| wrap_words(text, 15.0, 300.0));
        });
        group.bench_with_input(
            BenchmarkId::new("wrap_one_line", chars),
            &text,
            |b, text| {
                b.iter(|| wrap_words(text, 15.0, f32::INFINITY));
            },
        );
        group.bench_with_input(BenchmarkId::new("shape", chars), &text, |b, text| {
            b.iter(|| text::measure(text, 15.0));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = layout
}
criterion_main!(benches);
