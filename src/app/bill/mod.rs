//! File ▸ Import bill…: FOCUS bills read on a worker thread with progress, what they hold, the
//! assignment of their models and tags to designs (`billing`), the measured months to add, and
//! the calibration to apply — each change to the document one undo step.
//!
//! The import follows the document shown: what it measures is always measured with that
//! document's mappings (a change of mapping, or another document, reads the files again), and
//! every figure in its window is derived from that document.

mod months;
mod window;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::app::PlannerApp;
use crate::app::document::{Document, Generation};
use crate::app::files::dialogs::Purpose;
use crate::app::files::native;
use crate::io::focus::requests::{Requests, read_requests};
use crate::io::focus::{Limits, Measured, Measuring};
use crate::model::{Billing, Month, Scenario};
use crate::report::bill::{BillDesign, bill_months_over};

/// A read of the bills running on a worker thread.
#[derive(Debug)]
struct Job {
    receiver: Receiver<Result<Measured, String>>,
    cancel: Arc<AtomicBool>,
    /// The file being read (an index into the files) and the line reached in it.
    file: Arc<AtomicUsize>,
    line: Arc<AtomicU64>,
}

impl Drop for Job {
    /// A job given up (another read started, the window closed) stops reading.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The import under way: its files, the team's counts, the read running or done, and what is
/// derived from it for the document shown.
#[derive(Debug, Default)]
pub(crate) struct BillImport {
    /// The window is shown.
    pub(crate) open: bool,
    /// The bills, read in this order.
    pub(crate) files: Vec<PathBuf>,
    /// The requests file and its counts.
    requests_file: Option<PathBuf>,
    requests: Requests,
    job: Option<Job>,
    /// The last read: what it measured, or why nothing was.
    result: Option<Result<Arc<Measured>, String>>,
    /// The document and mappings the last read (or the one running) was made with.
    read_for: Option<(Generation, Vec<Option<Billing>>)>,
    /// Bumped at each new read or count, so the derived figures follow.
    version: u64,
    /// The months with their requests and calibration, for (document state, version).
    derived: Option<(DerivedFor, Arc<Vec<BillDesign>>)>,
    /// Months already measured that adding would replace, waiting for the user's answer.
    pub(crate) confirm: Option<Vec<crate::model::Month>>,
    /// The months left out of a design's calibration, by design index.
    left_out: BTreeSet<(usize, Month)>,
    /// A message about the last action in the window (an assignment refused, months added).
    pub(crate) note: Option<(String, bool)>,
}

/// The document state and the read (or counts) the derived figures were made for.
type DerivedFor = (Generation, u64);

/// Every design's mapping, to tell when a read must be made again.
fn mappings(scenario: &Scenario) -> Vec<Option<Billing>> {
    scenario.designs.iter().map(|d| d.billing.clone()).collect()
}

impl BillImport {
    /// True while the bills are being read.
    pub(crate) fn reading(&self) -> bool {
        self.job.is_some()
    }

    /// Starts reading the files with the document's mappings, stopping any read under way.
    fn start(&mut self, ctx: &egui::Context, doc: &Document) {
        self.job = None;
        self.read_for = Some((doc.id(), mappings(doc.scenario())));
        if self.files.is_empty() {
            self.result = None;
            return;
        }
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let file = Arc::new(AtomicUsize::new(0));
        let line = Arc::new(AtomicU64::new(0));
        let scenario = doc.scenario().clone();
        let files = self.files.clone();
        let (stop, at_file, at_line, repaint) =
            (cancel.clone(), file.clone(), line.clone(), ctx.clone());
        std::thread::spawn(move || {
            let mut measuring = Measuring::new(&scenario);
            let mut outcome = Ok(());
            for (i, path) in files.iter().enumerate() {
                at_file.store(i, Ordering::Relaxed);
                at_line.store(0, Ordering::Relaxed);
                outcome = measuring.add_file_watched(path, Limits::default(), &mut |l| {
                    at_line.store(l, Ordering::Relaxed);
                    repaint.request_repaint();
                    !stop.load(Ordering::Relaxed)
                });
                if outcome.is_err() {
                    break;
                }
            }
            let _ = sender.send(
                outcome
                    .map(|()| measuring.finish())
                    .map_err(|e| e.to_string()),
            );
            repaint.request_repaint();
        });
        self.job = Some(Job {
            receiver,
            cancel,
            file,
            line,
        });
    }

    /// Takes the read's result when it is done, and reads again when the document's mappings
    /// (or the document) changed since the last read.
    pub(crate) fn poll(&mut self, ctx: &egui::Context, doc: &Document) {
        if let Some(job) = &self.job {
            match job.receiver.try_recv() {
                Ok(result) => {
                    self.result = Some(result.map(Arc::new));
                    self.job = None;
                    self.version += 1;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.result = Some(Err("the read stopped unexpectedly".to_owned()));
                    self.job = None;
                    self.version += 1;
                }
            }
        }
        if !self.open {
            return;
        }
        // The mappings are compared (not copied) each frame: a read starts only when they change.
        let same = self.read_for.as_ref().is_some_and(|(id, billing)| {
            *id == doc.id()
                && billing.len() == doc.scenario().designs.len()
                && billing
                    .iter()
                    .zip(&doc.scenario().designs)
                    .all(|(b, d)| *b == d.billing)
        });
        if !same {
            self.start(ctx, doc);
        }
    }

    /// Stops the read under way; what was read before stays.
    pub(crate) fn cancel(&mut self) {
        if self.job.take().is_some() {
            self.result = Some(Err(
                "Reading was stopped: nothing from this read is shown or imported.".to_owned(),
            ));
            self.version += 1;
        }
    }

    /// The file being read (its position and name) and the line reached.
    pub(crate) fn progress(&self) -> Option<(usize, &Path, u64)> {
        let job = self.job.as_ref()?;
        let i = job.file.load(Ordering::Relaxed);
        Some((i, self.files.get(i)?, job.line.load(Ordering::Relaxed)))
    }

    /// What the last read measured, or why nothing was.
    pub(crate) fn result(&self) -> Option<&Result<Arc<Measured>, String>> {
        self.result.as_ref()
    }

    /// The requests file in use.
    pub(crate) fn requests_file(&self) -> Option<&Path> {
        self.requests_file.as_deref()
    }

    /// The team's counts.
    pub(crate) fn requests(&self) -> &Requests {
        &self.requests
    }

    /// True when design `index`'s calibration takes `month` into account.
    pub(crate) fn calibrates_over(&self, index: usize, month: Month) -> bool {
        !self.left_out.contains(&(index, month))
    }

    /// Takes `month` into design `index`'s calibration, or leaves it out.
    pub(crate) fn calibrate_over(&mut self, index: usize, month: Month, used: bool) {
        if used {
            self.left_out.remove(&(index, month));
        } else {
            self.left_out.insert((index, month));
        }
        self.version += 1;
    }

    /// Each mapped design's months with requests and calibration, for the document shown;
    /// computed once per document state and read.
    pub(crate) fn designs(&mut self, doc: &Document) -> Arc<Vec<BillDesign>> {
        let key = (doc.generation(), self.version);
        if self.derived.as_ref().is_none_or(|(k, _)| *k != key) {
            let left_out = &self.left_out;
            let designs = match &self.result {
                Some(Ok(measured)) => {
                    bill_months_over(doc.scenario(), measured, &self.requests, &|i, m| {
                        !left_out.contains(&(i, m))
                    })
                }
                _ => Vec::new(),
            };
            self.derived = Some((key, Arc::new(designs)));
        }
        self.derived
            .as_ref()
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    }
}

impl PlannerApp {
    /// True while File ▸ Import bill… is reading its files (tests and benches wait on it).
    pub fn bill_reading(&self) -> bool {
        self.bill.reading()
    }

    /// Imports bills: adds them to the import shown, or starts one; `None` asks for a file.
    pub(crate) fn import_bill(&mut self, ctx: &egui::Context, paths: Option<Vec<PathBuf>>) {
        let Some(paths) = paths.or_else(|| {
            self.ask_path((Purpose::Bill, ""), native::pick_bill)
                .map(|p| vec![p])
        }) else {
            return;
        };
        if !self.bill.open {
            self.bill = BillImport {
                open: true,
                ..BillImport::default()
            };
        }
        for path in paths {
            if !self.bill.files.contains(&path) {
                self.bill.files.push(path);
            }
        }
        self.bill.confirm = None;
        self.bill.note = None;
        self.bill.start(ctx, &self.doc);
    }

    /// Reads the team's request counts for the import; `None` asks for a file.
    pub(crate) fn bill_requests(&mut self, path: Option<PathBuf>) {
        let Some(path) =
            path.or_else(|| self.ask_path((Purpose::BillRequests, ""), native::pick_requests))
        else {
            return;
        };
        match read_requests(&path) {
            Ok(requests) => {
                self.bill.requests = requests;
                self.bill.requests_file = Some(path);
                self.bill.version += 1;
                self.bill.note = None;
            }
            Err(e) => {
                self.bill.note = Some((format!("{e}. The counts in use are unchanged."), true));
            }
        }
    }
}
