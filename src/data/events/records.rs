//! CSV records, split as the csv crate's reader splits them (quotes, `""` inside quotes, `\n`,
//! `\r` and `\r\n` ending a record, blank lines skipped), but without copying: a field is a
//! slice of the block read, and only a quoted field with `""` in it (or text after its closing
//! quote) is put together in a scratch buffer. The ends of unquoted fields are found 64 bytes at
//! a time (one bit a byte, see [`field_ends`]), and `memchr` finds the end of a quoted one.
//!
//! [`last_record_end`] finds where a block of bytes can be cut between records, so that blocks
//! can be parsed on several cores and give the records a serial reader gives.

/// Where a field's bytes are: in the block, or in the record's scratch buffer.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    owned: bool,
}

/// One record: its fields, where it starts, and the scratch buffer for fields that had to be
/// unescaped. Reused from record to record.
#[derive(Debug, Default)]
pub(super) struct Record {
    /// Byte offset of the record's first byte in the bytes split.
    pub start: usize,
    /// Newlines before the record's first byte in the bytes split.
    pub line: u64,
    spans: Vec<Span>,
    scratch: Vec<u8>,
}

impl Record {
    /// The number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i`, given the bytes the record was split from.
    pub fn get<'s>(&'s self, bytes: &'s [u8], i: usize) -> Option<&'s [u8]> {
        let span = self.spans.get(i)?;
        let from = if span.owned { &self.scratch } else { bytes };
        from.get(span.start..span.end)
    }
}

/// The records of a block of bytes that starts at a record boundary.
pub(super) struct Records<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    at: usize,
    line: u64,
    /// Where the window of up to [`WINDOW`] bytes whose ends of fields `ends` holds starts.
    base: usize,
    /// Bit `i` set: `bytes[base + i]` is the delimiter, `\n` or `\r`.
    ends: u64,
}

/// Bytes whose field ends are found at once: one bit each in a `u64`.
const WINDOW: usize = 64;

/// The delimiters, `\n`s and `\r`s of `window` as bits (bit `i` for `window[i]`). The
/// comparisons are written byte by byte so that the compiler does them 16 or 32 at a time;
/// each 8 results (0 or 1 a byte) are then gathered into 8 bits by one multiplication.
fn field_ends(window: &[u8; WINDOW], delimiter: u8) -> u64 {
    let mut hits = [0u8; WINDOW];
    for (hit, &byte) in hits.iter_mut().zip(window) {
        *hit = u8::from((byte == delimiter) | (byte == b'\n') | (byte == b'\r'));
    }
    let mut ends = 0;
    for (i, eight) in hits.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        // Byte k (0 or 1) lands on bit 56 + k; no two products overlap, so nothing carries.
        let gathered = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        ends |= gathered << (8 * i);
    }
    ends
}

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const ONES: u64 = 0x0101_0101_0101_0101;

/// Bytes of `word` that are not 0 have their top bit set, and only those (exact, no carries
/// between bytes).
fn nonzero_bytes(word: u64) -> u64 {
    ((word & LOW7) + LOW7) | word
}

/// The end of the unquoted field starting at `at`: the first delimiter, `\n` or `\r` from
/// `at` on, or the end of `bytes`.
fn unquoted_end(bytes: &[u8], mut at: usize, delimiter: u8) -> usize {
    let (d, n, r) = (
        ONES * u64::from(delimiter),
        ONES * u64::from(b'\n'),
        ONES * u64::from(b'\r'),
    );
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let plain = nonzero_bytes(word ^ d) & nonzero_bytes(word ^ n) & nonzero_bytes(word ^ r);
        let special = !(plain | LOW7);
        if special != 0 {
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && !matches!(bytes[at], b'\n' | b'\r') && bytes[at] != delimiter {
        at += 1;
    }
    at
}

fn newlines(bytes: &[u8]) -> u64 {
    // Counted in byte-wide sums of at most 255, which the compiler does 16 bytes at a time.
    bytes
        .chunks(255)
        .map(|chunk| u64::from(chunk.iter().fold(0u8, |n, b| n + u8::from(*b == b'\n'))))
        .sum()
}

impl<'a> Records<'a> {
    /// The records of `bytes`, fields separated by `delimiter` (never `"`, `\n` or `\r`).
    pub fn new(bytes: &'a [u8], delimiter: u8) -> Self {
        Self {
            bytes,
            delimiter,
            at: 0,
            line: 0,
            // No window yet: `from - base` (wrapping) is never below WINDOW.
            base: usize::MAX - WINDOW,
            ends: 0,
        }
    }

    /// The first delimiter, `\n` or `\r` at or after `from`, or the end of the bytes.
    fn field_end(&mut self, from: usize) -> usize {
        let bytes = self.bytes;
        let mut from = from;
        loop {
            let offset = from.wrapping_sub(self.base);
            if offset < WINDOW {
                let ends = self.ends & (u64::MAX << offset);
                if ends != 0 {
                    return self.base + ends.trailing_zeros() as usize;
                }
                from = self.base + WINDOW;
            }
            if from >= bytes.len() {
                return bytes.len();
            }
            let mut window = [0u8; WINDOW];
            self.base = from;
            match bytes.get(from..from + WINDOW) {
                Some(whole) => {
                    window.copy_from_slice(whole);
                    self.ends = field_ends(&window, self.delimiter);
                }
                None => {
                    // The last bytes, padded; what the padding gives is masked off.
                    let left = bytes.len() - from;
                    window[..left].copy_from_slice(&bytes[from..]);
                    self.ends = field_ends(&window, self.delimiter) & ((1u64 << left) - 1);
                }
            }
        }
    }

    /// Reads the next record into `record`; `false` once the bytes are done.
    pub fn next_into(&mut self, record: &mut Record) -> bool {
        let bytes = self.bytes;
        // Blank lines (and lone `\r`s) between records are skipped.
        while let Some(&byte) = bytes.get(self.at) {
            match byte {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            self.at += 1;
        }
        if self.at >= bytes.len() {
            return false;
        }
        record.start = self.at;
        record.line = self.line;
        record.spans.clear();
        record.scratch.clear();
        let delimiter = self.delimiter;
        // Where the current field starts, kept in a local until the record ends.
        let mut at = self.at;
        loop {
            let Some(&first) = bytes.get(at) else {
                // The bytes end after a delimiter: one more, empty field.
                record.spans.push(Span {
                    start: at,
                    end: at,
                    owned: false,
                });
                self.at = at;
                return true;
            };
            let span = if first == b'"' {
                self.at = at;
                let span = self.quoted(record);
                at = self.at;
                span
            } else {
                let end = self.field_end(at);
                let span = Span {
                    start: at,
                    end,
                    owned: false,
                };
                at = end;
                span
            };
            record.spans.push(span);
            // Now at a delimiter (never `\n` or `\r`), a record's end, or the end of the bytes.
            match bytes.get(at) {
                Some(&byte) if byte == delimiter => at += 1,
                None => {
                    self.at = at;
                    return true;
                }
                Some(b'\n') => {
                    self.line += 1;
                    self.at = at + 1;
                    return true;
                }
                Some(_) => {
                    // `\r`, perhaps followed by `\n`.
                    at += 1;
                    if bytes.get(at) == Some(&b'\n') {
                        self.line += 1;
                        at += 1;
                    }
                    self.at = at;
                    return true;
                }
            }
        }
    }

    /// The quoted field starting at `self.at` (on its opening quote); leaves `self.at` on what
    /// follows the field (a delimiter, a record's end, or the end of the bytes).
    fn quoted(&mut self, record: &mut Record) -> Span {
        let bytes = self.bytes;
        let content = self.at + 1;
        // Where the part not yet copied starts, once the field is owned.
        let mut copied_to = content;
        let mut owned: Option<usize> = None;
        let mut at = content;
        loop {
            let Some(found) = memchr::memchr(b'"', &bytes[at..]) else {
                // No closing quote: the field runs to the end of the bytes.
                self.line += newlines(&bytes[at..]);
                self.at = bytes.len();
                return match owned {
                    Some(start) => {
                        record.scratch.extend_from_slice(&bytes[copied_to..]);
                        Span {
                            start,
                            end: record.scratch.len(),
                            owned: true,
                        }
                    }
                    None => Span {
                        start: content,
                        end: bytes.len(),
                        owned: false,
                    },
                };
            };
            let quote = at + found;
            self.line += newlines(&bytes[at..quote]);
            if bytes.get(quote + 1) == Some(&b'"') {
                // `""`: one quote in the field.
                owned.get_or_insert(record.scratch.len());
                record.scratch.extend_from_slice(&bytes[copied_to..=quote]);
                copied_to = quote + 2;
                at = quote + 2;
                continue;
            }
            // The closing quote. Anything up to the next delimiter or record end that follows
            // it belongs to the field, as it is (quotes included).
            let after = quote + 1;
            let end = match bytes.get(after) {
                None => after,
                Some(&b) if b == self.delimiter || b == b'\n' || b == b'\r' => after,
                Some(_) => unquoted_end(bytes, after, self.delimiter),
            };
            self.at = end;
            if owned.is_none() && end == after {
                return Span {
                    start: content,
                    end: quote,
                    owned: false,
                };
            }
            let start = *owned.get_or_insert(record.scratch.len());
            record.scratch.extend_from_slice(&bytes[copied_to..quote]);
            record.scratch.extend_from_slice(&bytes[after..end]);
            return Span {
                start,
                end: record.scratch.len(),
                owned: true,
            };
        }
    }
}

/// The end of the last complete record in `bytes` (just after a newline where a serial csv
/// reader ends a record) and the number of newlines before it, or `None` if no record ends in
/// `bytes`. `bytes` starts at a record boundary.
///
/// Follows the csv crate's reader: a quote opens a quoted field only at the start of a field
/// (elsewhere it is an ordinary character), `""` inside quotes is a quote, and after the
/// closing quote the field goes on unquoted — so a stray `"` in an unquoted field does not flip
/// the state, as it would if every quote were counted. Only quotes are looked for from the
/// start (with `memchr`; whether a quote starts a field is told by the byte before it), giving
/// the quoted stretches; the last newline outside them is then looked for from the end, and
/// the newlines before it counted.
pub(super) fn last_record_end(bytes: &[u8], delimiter: u8) -> Option<(usize, u64)> {
    // Quoted stretches: from the opening quote to just after the closing one (or the end).
    let mut quoted: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    'fields: while let Some(found) = memchr::memchr(b'"', &bytes[at..]) {
        let position = at + found;
        at = position + 1;
        let opens = position == 0
            || matches!(bytes[position - 1], b'\n' | b'\r')
            || bytes[position - 1] == delimiter;
        if !opens {
            continue;
        }
        // Inside quotes, to the closing quote (`""` is a quote).
        loop {
            let Some(found) = memchr::memchr(b'"', &bytes[at..]) else {
                quoted.push((position, bytes.len()));
                break 'fields;
            };
            at += found + 1;
            if bytes.get(at) == Some(&b'"') {
                at += 1;
            } else {
                break;
            }
        }
        quoted.push((position, at));
    }
    let mut limit = bytes.len();
    let mut stretches = quoted.iter().rev().peekable();
    loop {
        let newline = memchr::memrchr(b'\n', &bytes[..limit])?;
        while stretches.next_if(|(start, _)| *start > newline).is_some() {}
        match stretches.peek() {
            // Inside a quoted stretch: look before it.
            Some((start, end)) if newline < *end => limit = *start,
            _ => return Some((newline + 1, newlines(&bytes[..=newline]))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record of `bytes`, as the csv crate reads it serially.
    fn serial(bytes: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes);
        reader
            .byte_records()
            .map(|r| {
                r.map_or_else(
                    |_| vec![b"<error>".to_vec()],
                    |r| r.iter().map(<[u8]>::to_vec).collect(),
                )
            })
            .collect()
    }

    /// Every record of `bytes`, as [`Records`] splits it.
    fn ours(bytes: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut records = Records::new(bytes, delimiter);
        let mut record = Record::default();
        let mut all = Vec::new();
        while records.next_into(&mut record) {
            all.push(
                (0..record.len())
                    .map(|i| record.get(bytes, i).unwrap_or(b"<none>").to_vec())
                    .collect(),
            );
        }
        all
    }

    /// Every record of `bytes`, split into blocks as the reader splits them (cutting the input
    /// into windows of `window` bytes), each block split by a fresh [`Records`], as the
    /// workers do.
    fn split(bytes: &[u8], delimiter: u8, window: usize) -> Vec<Vec<Vec<u8>>> {
        let mut records = Vec::new();
        let mut start = 0;
        while start < bytes.len() {
            let end = (start + window).min(bytes.len());
            let cut = if end == bytes.len() {
                end
            } else {
                match last_record_end(&bytes[start..end], delimiter) {
                    Some((at, _)) => start + at,
                    None => {
                        // No record ends in the window: widen it, as the reader reads on.
                        let (at, _) = last_record_end(&bytes[start..], delimiter)
                            .unwrap_or((bytes.len() - start, 0));
                        start + at
                    }
                }
            };
            records.extend(ours(&bytes[start..cut], delimiter));
            start = cut;
        }
        records
    }

    /// The byte-by-byte state machine [`last_record_end`] replaced: the reference it must
    /// agree with.
    fn last_record_end_bytewise(bytes: &[u8], delimiter: u8) -> Option<(usize, u64)> {
        #[derive(Clone, Copy, PartialEq)]
        enum State {
            FieldStart,
            Unquoted,
            Quoted,
            QuoteInQuoted,
        }
        let mut state = State::FieldStart;
        let mut lines = 0;
        let mut last = None;
        for (at, &byte) in bytes.iter().enumerate() {
            if state == State::Quoted {
                match byte {
                    b'"' => state = State::QuoteInQuoted,
                    b'\n' => lines += 1,
                    _ => {}
                }
                continue;
            }
            state = match byte {
                b'\n' => {
                    lines += 1;
                    last = Some((at + 1, lines));
                    State::FieldStart
                }
                b'\r' => State::FieldStart,
                b'"' if state != State::Unquoted => State::Quoted,
                _ if byte == delimiter => State::FieldStart,
                _ => State::Unquoted,
            };
        }
        last
    }

    #[test]
    fn a_stray_quote_inside_an_unquoted_field_does_not_flip_the_split() {
        let mut csv = Vec::new();
        for i in 0..1000 {
            if i == 10 {
                csv.extend_from_slice(b"a,5\" gun,x\n");
            } else if i % 3 == 0 {
                csv.extend_from_slice(format!("{i},\"two\nlines\",x\n").as_bytes());
            } else {
                csv.extend_from_slice(format!("{i},\"quoted, \"\"field\"\"\",x\n").as_bytes());
            }
        }
        let records = split(&csv, b',', 1000);
        assert_eq!(records.len(), 1000);
        assert!(records.iter().all(|r| r.len() == 3), "every record whole");
        assert_eq!(records, serial(&csv, b','));
    }

    #[test]
    fn quoted_fields_escapes_crlf_and_blank_lines_read_as_the_csv_crate_reads_them() {
        let csv = b"a,\"b,c\",\"d\"\"e\"\r\n\r\n\n\"x\"y\"z,,\"\"\r\"open\nquote";
        assert_eq!(ours(csv, b','), serial(csv, b','));
        assert_eq!(
            ours(csv, b','),
            vec![
                vec![b"a".to_vec(), b"b,c".to_vec(), b"d\"e".to_vec()],
                vec![b"xy\"z".to_vec(), b"".to_vec(), b"".to_vec()],
                vec![b"open\nquote".to_vec()],
            ]
        );
        // Where each record starts, and the newlines before it.
        let mut records = Records::new(csv, b',');
        let mut record = Record::default();
        let mut starts = Vec::new();
        while records.next_into(&mut record) {
            starts.push((record.start, record.line));
        }
        assert_eq!(starts, vec![(0, 0), (19, 3), (30, 3)]);
    }

    #[test]
    fn a_long_unquoted_field_ends_at_the_first_delimiter_or_newline_of_any_window() {
        for length in [40, 64, 65, 127, 128, 129, 300] {
            for at in 0..length {
                let mut line = vec![b'x'; length];
                line[at] = b';';
                let expected: Vec<Vec<u8>> = vec![vec![b'x'; at], vec![b'x'; length - 1 - at]];
                assert_eq!(ours(&line, b';'), vec![expected], "{length} {at}");
            }
        }
    }

    #[test]
    fn field_ends_sets_exactly_the_bits_of_delimiters_and_line_ends() {
        let mut state = 99u64;
        for round in 0..2_000 {
            let mut window = [0u8; WINDOW];
            for byte in &mut window {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                // Mostly the bytes that matter, and their neighbours.
                *byte = match (state >> 33) % 8 {
                    0 => b',',
                    1 => b'\n',
                    2 => b'\r',
                    3 => b';',
                    4 => b'\t',
                    _ => (state >> 40) as u8,
                };
            }
            for delimiter in [b',', b';', b'\t'] {
                let expected = window.iter().enumerate().fold(0u64, |ends, (i, &b)| {
                    ends | (u64::from(b == delimiter || b == b'\n' || b == b'\r') << i)
                });
                assert_eq!(field_ends(&window, delimiter), expected, "round {round}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn splitting_gives_the_records_a_serial_csv_reader_gives(
            bytes in proptest::collection::vec(
                prop_oneof![
                    1 => Just(b'"'), 1 => Just(b','), 1 => Just(b';'), 1 => Just(b'\n'),
                    1 => Just(b'\r'), 6 => Just(b'a'), 1 => Just(b' '), 1 => any::<u8>()
                ],
                0..700,
            ),
            window in 1usize..64,
            semicolon in any::<bool>(),
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            prop_assert_eq!(ours(&bytes, delimiter), serial(&bytes, delimiter));
            prop_assert_eq!(split(&bytes, delimiter, window), serial(&bytes, delimiter));
            prop_assert_eq!(
                last_record_end(&bytes, delimiter),
                last_record_end_bytewise(&bytes, delimiter)
            );
        }
    }
}
