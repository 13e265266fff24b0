//! Reading a FOCUS file's text: a row too long is refused with its line, and a quote never
//! closed in the last row is refused rather than taken as closed by the end of the file.

#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::Path;

use inference_roi::io::focus::{FocusError, Limits, rows};

const HEADER: &str =
    "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BillingCurrency,EffectiveCost,Tags\n";

fn row(tags: &str) -> String {
    format!("2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,Usage,USD,1.00,{tags}\n")
}

/// Reads `text` (gzipped when asked) and returns the count of rows or the refusal.
fn read(text: &str, gzip: bool, limits: Limits) -> Result<u64, FocusError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bill.csv");
    let bytes = if gzip {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    } else {
        text.as_bytes().to_vec()
    };
    std::fs::write(&path, bytes).unwrap();
    let mut count = 0;
    rows(Path::new(&path), limits, &mut |_, _| {
        count += 1;
        Ok(())
    })?;
    Ok(count)
}

#[test]
fn a_row_too_long_is_refused_with_its_line() {
    let limits = Limits {
        max_bytes: u64::MAX,
        max_row_bytes: 1000,
    };
    // Line 1 the header, lines 2 to 4 short rows, line 5 a row of 300 KB (beyond the limit and
    // the reader's 64 KB buffer).
    let long = format!("\"{{\"\"note\"\": \"\"{}\"\"}}\"", "x".repeat(300_000));
    let text = format!("{HEADER}{}{}{}{}", row(""), row(""), row(""), row(&long));
    for gzip in [false, true] {
        let e = read(&text, gzip, limits).unwrap_err();
        assert!(
            matches!(
                e,
                FocusError::RowTooLong {
                    line: 5,
                    limit: 1000,
                    ..
                }
            ),
            "{e:?}"
        );
        let message = e.to_string();
        assert!(
            message.contains("line 5: a row is longer than 1000 bytes"),
            "{message}"
        );
    }
}

#[test]
fn a_quote_never_closed_in_the_last_field_is_refused() {
    for end in ["", "\n"] {
        // The last row is on line 4 and its Tags cell opens a quote the file never closes.
        let last =
            "2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,Usage,USD,1.00,\"{\"\"feature\"\": 1}";
        let text = format!("{HEADER}{}{}{last}{end}", row(""), row(""));
        for gzip in [false, true] {
            let e = read(&text, gzip, Limits::default()).unwrap_err();
            assert!(matches!(e, FocusError::Csv { line: 4, .. }), "{e:?}");
            assert!(e.to_string().contains("never closed"), "{e}");
        }
    }
}

#[test]
fn closed_quotes_at_the_end_of_a_file_read() {
    for last in [
        row("\"{\"\"feature\"\": \"\"support\"\"}\""),
        row("\"{\"\"a\"\": \"\"x\\\"\"y\"\"}\""),
        row("\"\""),
        row("{}"),
    ] {
        for end in [last.clone(), last.trim_end().to_owned()] {
            let text = format!("{HEADER}{}{end}", row(""));
            for gzip in [false, true] {
                assert_eq!(read(&text, gzip, Limits::default()).unwrap(), 2, "{end:?}");
            }
        }
    }
}
