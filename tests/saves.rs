//! Saves that cannot be turned against the user: the temporary file beside the target is created
//! exclusively under an unpredictable name, the target keeps its permissions, and a failed save
//! leaves nothing behind.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::{PermissionsExt as _, symlink};

use inference_roi::io;

fn support() -> &'static str {
    io::examples::find("support-assistant").unwrap().text
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_link_planted_under_the_old_temporary_name_is_not_followed() {
    let shared = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let victim = elsewhere.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The name the old code wrote through: `.<name>.<pid>.tmp`, and the next few pids.
    let pid = std::process::id();
    for next in pid..pid + 8 {
        symlink(&victim, shared.path().join(format!(".s.ron.{next}.tmp"))).unwrap();
    }
    let target = shared.path().join("s.ron");
    let scenario = io::parse(support()).unwrap();
    io::save(&scenario, &target).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), support());
    assert!(!std::fs::symlink_metadata(&target).unwrap().is_symlink());
    // The planted links are left as they were; nothing else is.
    let mut names: Vec<String> = std::fs::read_dir(shared.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(names.contains(&"s.ron".to_owned()));
}

#[test]
fn a_private_target_stays_private_and_a_new_file_gets_the_usual_mode() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.ron");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    io::write_atomically(&private, b"new").unwrap();
    assert_eq!(std::fs::read_to_string(&private).unwrap(), "new");
    assert_eq!(mode(&private), 0o600);

    let shared = dir.path().join("shared.ron");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o664)).unwrap();
    io::write_atomically(&shared, b"new").unwrap();
    assert_eq!(mode(&shared), 0o664);

    // A new file: 0666 less the umask, as `File::create` gives (not the 0600 of a temp file).
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).unwrap();
    let fresh = dir.path().join("fresh.ron");
    io::write_atomically(&fresh, b"new").unwrap();
    assert_eq!(mode(&fresh), mode(&reference));
    assert_ne!(
        mode(&fresh) & 0o044,
        0,
        "readable beyond the owner under a usual umask"
    );
}

#[test]
fn a_failed_save_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a directory: the rename fails after the temporary file was written.
    let blocked = dir.path().join("blocked.ron");
    std::fs::create_dir(&blocked).unwrap();
    let error = io::write_atomically(&blocked, b"data")
        .unwrap_err()
        .to_string();
    assert!(error.contains("blocked.ron"), "{error}");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("blocked.ron")]);
    // A folder that does not exist: refused with the path, nothing created.
    let missing = dir.path().join("no-such-folder").join("x.ron");
    assert!(io::write_atomically(&missing, b"data").is_err());
    assert!(!dir.path().join("no-such-folder").exists());
}
