//! The panels around and in the centre: the scenario (left), the selected design (right), the
//! comparison table (bottom), and the centre's tabs that are panels of their own — Over time,
//! Use cases, What if… — with the uncertainty controls and the volumes under the chart.

pub(crate) mod design;
pub(crate) mod over_time;
pub(crate) mod scenario;
pub(crate) mod strips;
pub(crate) mod table;
pub(crate) mod uncertainty;
pub(crate) mod use_cases;
pub(crate) mod volumes;
pub(crate) mod whatif;
