//! A FOCUS-shaped bill for the benchmarks: a busy account's hourly rows over a year, written
//! once to a file in the system's temporary directory and reused while its size is the same.
//!
//! Each hour has 114 rows: six hosted models (on two services) used by four features, each with
//! input, output, cache-read and cache-write token rows (96 rows), and eighteen GPU instances'
//! compute rows in two sub-accounts. Every 2,000th row is a `Purchase` and every 5,000th a `Tax`
//! row instead. The columns are those of a real export (about 30, half of them not read here),
//! with the JSON cells quoted, so a row is about 500 bytes: 1,000,000 rows come to about 500 MB.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// The header row.
const HEADER: &str = "BillingAccountId,BillingAccountName,BillingPeriodStart,BillingPeriodEnd,\
ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,\
BillingCurrency,BilledCost,EffectiveCost,ListCost,ListUnitPrice,ContractedCost,ConsumedQuantity,\
ConsumedUnit,PricingQuantity,PricingUnit,PricingCategory,ProviderName,PublisherName,ServiceName,\
ServiceCategory,RegionId,SkuId,SkuMeter,SkuPriceDetails,SubAccountId,ResourceId,ResourceType,Tags";

/// The hosted models: service, model id, input and output list price per 1M tokens.
const MODELS: [(&str, &str, f64, f64); 6] = [
    ("Azure OpenAI", "gpt-4o", 2.50, 10.00),
    ("Azure OpenAI", "gpt-4o-mini", 0.15, 0.60),
    ("Azure OpenAI", "o3-mini", 1.10, 4.40),
    ("Amazon Bedrock", "claude-sonnet-4", 3.00, 15.00),
    ("Amazon Bedrock", "claude-haiku-3-5", 0.80, 4.00),
    ("Amazon Bedrock", "llama3-3-70b-instruct", 0.72, 0.72),
];

/// The features that tag the token rows, with their sub-account.
const FEATURES: [(&str, &str); 4] = [
    ("support", "acct-ai-prod"),
    ("cascade", "acct-ai-prod"),
    ("search", "acct-ai-prod"),
    ("internal-tools", "acct-ai-dev"),
];

/// The token meters: `SkuMeter`, direction, cache action, share of list input price, SKU suffix.
const METERS: [(&str, &str, &str, f64, &str); 4] = [
    ("Input Tokens", "Input", "Uncached", 1.0, "in"),
    ("Output Tokens", "Output", "Uncached", 0.0, "out"),
    ("Cache Read Input Tokens", "Input", "Read", 0.5, "cr"),
    ("Cache Write Input Tokens", "Input", "Write", 1.25, "cw"),
];

/// GPU instances per hour (nine in each of two sub-accounts).
const GPUS: usize = 18;

/// Rows per hour.
pub const PER_HOUR: usize = MODELS.len() * FEATURES.len() * METERS.len() + GPUS;

/// The bill of `rows` rows (the header aside), written if it is not there already.
pub fn bill(rows: usize) -> PathBuf {
    let path = std::env::temp_dir().join(format!("inference-roi-bench-bill-{rows}.csv"));
    let expected = size(rows);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() == expected) {
        return path;
    }
    let partial = path.with_extension("csv.part");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial).unwrap());
    write(rows, &mut out).unwrap();
    out.into_inner().unwrap().sync_all().unwrap();
    std::fs::rename(&partial, &path).unwrap();
    path
}

/// The file's size, in bytes, counted by writing it to nowhere.
fn size(rows: usize) -> u64 {
    struct Count(u64);
    impl Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    write(rows, &mut count).unwrap();
    count.0
}

/// A small deterministic pseudo-random sequence (a 64-bit LCG), so the file is the same each run.
struct Lcg(u64);

impl Lcg {
    /// A number in [0, 1).
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn write(rows: usize, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{HEADER}")?;
    let mut random = Lcg(28);
    let mut line = String::with_capacity(1024);
    for i in 0..rows {
        line.clear();
        let hour = i / PER_HOUR;
        let slot = i % PER_HOUR;
        let (day, h) = (hour / 24, hour % 24);
        let start = stamp(day, h);
        let end = stamp(day + (h + 1) / 24, (h + 1) % 24);
        let (year, month, _) = date(day);
        let period = format!("{year}-{month:02}-01T00:00:00Z");
        let period_end = if month == 12 {
            format!("{}-01-01T00:00:00Z", year + 1)
        } else {
            format!("{year}-{:02}-01T00:00:00Z", month + 1)
        };
        let _ = write!(
            line,
            "100200300400,Example Corp,{period},{period_end},{start},{end},"
        );
        if i % 5000 == 4999 {
            let tax = 100.0 + 900.0 * random.next();
            let _ = write!(
                line,
                "Tax,,Sales tax,Recurring,USD,{tax:.2},{tax:.2},{tax:.2},,{tax:.2},,,,,,Example Cloud,\
                 Example Cloud,Tax,Other,,,,,acct-ai-prod,,,"
            );
        } else if i % 2000 == 1999 {
            let amount = 5000.0 + 20000.0 * random.next();
            let _ = write!(
                line,
                "Purchase,,Savings plan (1 year),One-Time,USD,{amount:.2},0,{amount:.2},,{amount:.2},\
                 1,Commitment,1,Commitment,Committed,Example Cloud,Example Cloud,Savings Plans,\
                 Compute,us-east-1,sp-compute-1y,Commitment,,acct-gpu-a,sp-0001,SavingsPlan,"
            );
        } else if slot < MODELS.len() * FEATURES.len() * METERS.len() {
            let (service, model, input, output) = MODELS[slot / (FEATURES.len() * METERS.len())];
            let (feature, account) = FEATURES[slot / METERS.len() % FEATURES.len()];
            let (meter, direction, cache, share, suffix) = METERS[slot % METERS.len()];
            let price = if direction == "Output" {
                output
            } else {
                input * share
            };
            let tokens = (20_000.0 + 2_000_000.0 * random.next()).round();
            let list = tokens * price / 1e6;
            let effective = list * 0.9;
            let region = if service == "Azure OpenAI" {
                "eastus2"
            } else {
                "us-east-1"
            };
            let _ = write!(
                line,
                "Usage,,{model} {meter},Usage-Based,USD,{effective:.10},{effective:.10},{list:.10},{price},\
                 {effective:.10},{tokens},Tokens,{},1000000 Tokens,Standard,Example Cloud,{service},\
                 {service},AI and Machine Learning,{region},{model}-{suffix},{meter},\
                 \"{{\"\"ModelId\"\": \"\"{model}\"\", \"\"TokenDirection\"\": \"\"{direction}\"\", \
                 \"\"TokenCacheAction\"\": \"\"{cache}\"\"}}\",{account},\
                 /subscriptions/ai/deployments/{model}-{feature},Deployment,\
                 \"{{\"\"feature\"\": \"\"{feature}\"\", \"\"team\"\": \"\"platform\"\", \
                 \"\"env\"\": \"\"prod\"\"}}\"",
                tokens / 1e6
            );
        } else {
            let gpu = slot - MODELS.len() * FEATURES.len() * METERS.len();
            let account = if gpu < GPUS / 2 {
                "gpu-fleet"
            } else {
                "acct-gpu-b"
            };
            let used = 0.5 + 0.5 * random.next();
            let list = 1.006 * used;
            let effective = list * 0.72;
            let _ = write!(
                line,
                "Usage,,g5.xlarge Linux on-demand,Usage-Based,USD,{effective:.10},{effective:.10},\
                 {list:.10},1.006,{effective:.10},{used:.6},Hours,{used:.6},Hours,Committed,\
                 Example Cloud,Example Cloud,Elastic Compute Cloud,Compute,us-east-1,\
                 BoxUsage:g5.xlarge,BoxUsage,\"{{\"\"InstanceType\"\": \"\"g5.xlarge\"\"}}\",\
                 {account},i-0a1b2c3d4e5f{gpu:04},Virtual Machine,\
                 \"{{\"\"feature\"\": \"\"support\"\", \"\"team\"\": \"\"ml\"\"}}\""
            );
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The instant `day` days and `hour` hours after 2026-01-01T00:00:00Z.
fn stamp(day: usize, hour: usize) -> String {
    let (year, month, dom) = date(day);
    format!("{year}-{month:02}-{dom:02}T{hour:02}:00:00Z")
}

/// The year, month (1–12) and day of month `day` days after 2026-01-01 (years of 365 days: the
/// bill spans 2026 and a few hours of 2027).
fn date(day: usize) -> (usize, usize, usize) {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = day % 365;
    for (m, days) in DAYS.iter().enumerate() {
        if left < *days {
            return (2026 + day / 365, m + 1, left + 1);
        }
        left -= days;
    }
    (2026 + day / 365, 12, 31)
}
