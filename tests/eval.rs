//! Answer quality through `careerbot eval`: both splits must stay above a floor, and
//! the command fails below `--min`.

use crate::support::{careerbot, root};

/// The held-out split's floor: the figures measured when it was set, less a small margin. It
/// guards against regressions; the goal (95%) is tracked in the issue, not asserted here.
const HOLDOUT_FLOOR: &str = "0.91";

/// The tuning split's floor, set the same way.
const TUNE_FLOOR: &str = "0.94";

fn eval(file: &str, min: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = careerbot(dir.path(), &dir.path().join("index"));
    command.arg("eval").arg(root().join("tests/questions").join(file)).arg("--min").arg(min);
    command.output().unwrap()
}

#[test]
fn holdout_split_stays_above_its_floor() {
    let output = eval("holdout.toml", HOLDOUT_FLOOR);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}\n{}", String::from_utf8_lossy(&output.stderr));
    for figure in ["accuracy@1:", "MRR@5:", "in scope answered:", "out of scope declined:"] {
        assert!(report.contains(figure), "{figure} missing from the report");
    }
}

#[test]
fn tuning_split_stays_above_its_floor() {
    let output = eval("tune.toml", TUNE_FLOOR);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}\n{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn eval_fails_below_min_and_lists_the_misses() {
    let output = eval("tune.toml", "1.0");
    assert_eq!(output.status.code(), Some(1));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("misses ("), "{report}");
    assert!(report.contains("expected:") && report.contains("got:"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("quality below --min"));
}
