//! Reading a FOCUS file: plain CSV or gzip (told by its magic bytes), streamed row by row within
//! limits on the decompressed size and on a single row, columns found by their header names.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use flate2::bufread::MultiGzDecoder;

use super::{Columns, FocusError, Limits, Row};

/// Which limit a read ran into (carried inside an `io::Error` through the CSV reader).
#[derive(Debug, Clone, Copy)]
enum Hit {
    Total,
    Row,
}

impl std::fmt::Display for Hit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Hit::Total => "the file is larger than the limit",
            Hit::Row => "a row is longer than the limit",
        })
    }
}

impl std::error::Error for Hit {}

/// A reader that refuses to yield more than `total` bytes in all, or more than `row` bytes since
/// the last row the CSV reader returned (`mark` is set to the count read at each row). It keeps
/// the bytes from `mark` on (`tail`, starting at byte `tail_start`), so that at the end of the
/// file the last row's text can be looked at again.
struct Limited<R> {
    inner: R,
    read: u64,
    mark: Rc<Cell<u64>>,
    limits: Limits,
    tail: Vec<u8>,
    tail_start: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read >= self.limits.max_bytes {
            return Err(io::Error::other(Hit::Total));
        }
        // The CSV reader's own buffer is refilled ahead of the row it returns: allow for it.
        if self.read.saturating_sub(self.mark.get()) >= self.limits.max_row_bytes + BUFFER {
            return Err(io::Error::other(Hit::Row));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        // What is before the mark belongs to rows returned: drop it (the CSV reader refills its
        // buffer when it has used it up, so what is kept is at most the row being read). At the
        // end of the file nothing is dropped: the last row is kept for `ends_in_quote`.
        if n > 0 {
            let dead = usize::try_from(self.mark.get().saturating_sub(self.tail_start))
                .unwrap_or(usize::MAX)
                .min(self.tail.len());
            self.tail.drain(..dead);
            self.tail_start += dead as u64;
            self.tail.extend_from_slice(&buf[..n]);
        }
        Ok(n)
    }
}

impl<R> Limited<R> {
    /// The text from byte `start` to what has been read, if still kept.
    fn since(&self, start: u64) -> Option<&[u8]> {
        let skip = usize::try_from(start.checked_sub(self.tail_start)?).ok()?;
        self.tail.get(skip..)
    }
}

/// True when `text`, one or more rows, ends inside a quoted field (the CSV reader takes the end
/// of the file as closing it, so a quote never closed in the last field would pass unnoticed).
fn ends_in_quote(text: &[u8]) -> bool {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    for &byte in text {
        state = match (state, byte) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) | (State::FieldStart | State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',' | b'\n') => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    state == State::Quoted
}

/// The CSV reader's buffer size.
const BUFFER: u64 = 64 * 1024;

/// Streams the rows of one FOCUS file to `visit`, each with its line (1-based, the header is
/// line 1).
pub fn rows(
    path: &Path,
    limits: Limits,
    visit: &mut dyn FnMut(&Row<'_>, u64) -> Result<(), FocusError>,
) -> Result<(), FocusError> {
    let file = File::open(path).map_err(|source| FocusError::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut buffered = BufReader::new(file);
    let head = buffered.fill_buf().map_err(|source| FocusError::Read {
        path: path.to_owned(),
        source,
    })?;
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    let mark = Rc::new(Cell::new(0));
    let limited = Limited {
        inner,
        read: 0,
        mark: Rc::clone(&mark),
        limits,
        tail: Vec::new(),
        tail_start: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Lines end at `\n` alone, so a line's number is its count of `\n` (with the default, a
        // CRLF file's rows are numbered one short); `Columns` drops the `\r` a CRLF line leaves.
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(usize::try_from(BUFFER).unwrap_or(8192))
        .from_reader(limited);
    // The line the next row starts on, for a row too long to be returned.
    let mut next_line = 1;
    let fail = |e: csv::Error, next_line: u64| csv_error(path, e, limits, gzip, next_line);
    let mut record = csv::ByteRecord::new();
    if !reader
        .read_byte_record(&mut record)
        .map_err(|e| fail(e, next_line))?
    {
        return Err(FocusError::Empty {
            path: path.to_owned(),
        });
    }
    let columns = Columns::find(path, &record)?;
    // Where the last row read starts: its byte and line.
    let start = |r: &csv::ByteRecord| r.position().map_or((0, 1), |p| (p.byte(), p.line()));
    let mut last = start(&record);
    next_line = reader.position().line();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| fail(e, next_line))?
    {
        mark.set(reader.position().byte());
        next_line = reader.position().line();
        last = start(&record);
        let line = last.1;
        if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
            continue; // a blank line
        }
        let row = columns.row(path, line, &record)?;
        visit(&row, line)?;
    }
    if reader.get_ref().since(last.0).is_some_and(ends_in_quote) {
        return Err(FocusError::Csv {
            path: path.to_owned(),
            line: last.1,
            message: "a quoted field is never closed: the file ends inside it (is the file cut \
                      short?)"
                .to_owned(),
        });
    }
    Ok(())
}

/// A CSV reader's error as a message naming the file and the line.
fn csv_error(
    path: &Path,
    error: csv::Error,
    limits: Limits,
    gzip: bool,
    next_line: u64,
) -> FocusError {
    let line = error.position().map_or(0, csv::Position::line);
    let path = path.to_owned();
    match error.into_kind() {
        csv::ErrorKind::Io(e) => match e.get_ref().and_then(|inner| inner.downcast_ref::<Hit>()) {
            Some(Hit::Total) => FocusError::TooLarge {
                path,
                limit: limits.max_bytes,
            },
            Some(Hit::Row) => FocusError::RowTooLong {
                path,
                line: next_line,
                limit: limits.max_row_bytes,
            },
            None if gzip => FocusError::Gzip {
                path,
                message: e.to_string(),
            },
            None => FocusError::Read { path, source: e },
        },
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => FocusError::Csv {
            path,
            line: pos.map_or(line, |p| p.line()),
            message: format!(
                "has {len} fields where the header has {expected_len} (a quote never closed, or a \
                 comma in an unquoted field?)"
            ),
        },
        other => FocusError::Csv {
            path,
            line,
            message: format!("{other:?}"),
        },
    }
}
