"""The database-free parts of scripts/bench.py: arguments, figures math, table and JSON."""

import datetime
import importlib.util
import json
import pathlib
import types

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

DB = ["--db-host", "/tmp", "--db-port", "55432", "--db-user", "odoo"]
PATHS = ["--addons-path", "/a", "--data-dir", "/d"]
MEASURE = ["measure", *DB, *PATHS, "--plain-db", "p", "--suite-db", "s", "--small-db", "m"]


def _samples(*values, count=1):
    return [{"seconds": v, "queries": v * 10, "count": count} for v in values]


# --- arguments ---------------------------------------------------------------------------


def test_measure_defaults_follow_the_issue():
    args = bench.parse_args(MEASURE)
    assert (args.command, args.scale, args.repeat, args.orders) == ("measure", "small", 5, 1000)
    assert args.json is None and args.only is None


def test_measure_options():
    args = bench.parse_args(
        [*MEASURE, "--scale", "large", "--repeat", "3", "--orders", "200", "--json", "b.json"]
        + ["--only", "coverage", "--only", "workbook"]
    )
    assert (args.scale, args.repeat, args.orders, args.json) == ("large", 3, 200, "b.json")
    assert args.only == ["coverage", "workbook"]


@pytest.mark.parametrize(
    "extra",
    [
        ["--scale", "huge"],
        ["--repeat", "0"],
        ["--orders", "-5"],
        ["--only", "everything"],
    ],
)
def test_measure_rejects_bad_values(extra, capsys):
    with pytest.raises(SystemExit) as exc:
        bench.parse_args([*MEASURE, *extra])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid" in err or "not a positive integer" in err


def test_generate_needs_its_database():
    with pytest.raises(SystemExit):
        bench.parse_args(["generate", *DB, *PATHS])
    args = bench.parse_args(["generate", *DB, *PATHS, "--db", "x", "--scale", "medium"])
    assert (args.command, args.db, args.scale) == ("generate", "x", "medium")


def test_every_measurement_can_be_chosen_alone():
    names = {m.__name__.removeprefix("measure_") for m in bench.EXTRA_MEASUREMENTS}
    assert set(bench.MEASUREMENT_NAMES) == names | {"flow"}


def test_large_scale_is_the_issue_scale():
    large = bench.SCALES["large"]
    assert (large["serials"], large["repairs"], large["feedback"], large["returns"]) == (
        100000,
        20000,
        50000,
        5000,
    )
    for sizes in bench.SCALES.values():
        assert sizes["repairs"] <= sizes["serials"]  # one repair per delivered serial at most
        assert sizes["returns"] <= sizes["repairs"]  # one return per repair at most


def test_generators_are_registered_in_dependency_order():
    names = [g.__name__ for g, __ in bench.GENERATORS]
    assert names[0] == "gen_master_data"
    assert names.index("gen_deliveries") < names.index("gen_repairs")
    assert names.index("gen_repairs") < min(
        names.index("gen_feedback"), names.index("gen_returns")
    )


def test_plain_baseline_gets_odoos_data_only():
    # the plain baseline (no suite) runs the generators of Odoo's own data, not the suite's
    needs = {g.__name__: module for g, module in bench.GENERATORS}
    assert needs == {
        "gen_master_data": None,
        "gen_deliveries": None,
        "gen_repairs": None,
        "gen_feedback": "aftersales_feedback",
        "gen_returns": "aftersales_warranty",
    }


# --- figures math ------------------------------------------------------------------------


def test_summary_median_min_max():
    assert bench.summary(_samples(3.0, 1.0, 2.0, 10.0), "seconds") == {
        "median": 2.5,
        "min": 1.0,
        "max": 10.0,
    }


def test_summary_per_record_divides_each_sample_by_its_count():
    samples = [
        {"seconds": 2.0, "queries": 500, "count": 10},
        {"seconds": 4.0, "queries": 600, "count": 20},
        {"seconds": 9.0, "queries": 900, "count": 30},
    ]
    assert bench.summary(samples, "queries", per_record=True) == {
        "median": 30.0,
        "min": 30.0,
        "max": 50.0,
    }
    # a run that processed nothing counts as one record, never a division by zero
    assert (
        bench.summary([{"seconds": 1.5, "count": 0}], "seconds", per_record=True)["median"] == 1.5
    )


def test_summary_without_samples():
    assert bench.summary([], "seconds") is None


def test_ratio_of_medians():
    value = bench.summary(_samples(2.6, 2.4, 9.0), "seconds")
    baseline = bench.summary(_samples(2.0, 2.0, 1.0), "seconds")
    assert bench.ratio(value, baseline) == pytest.approx(1.3)
    assert bench.ratio(value, None) is None
    assert bench.ratio(value, {"median": 0.0, "min": 0.0, "max": 0.0}) is None


def test_figure_shape():
    value = bench.summary(_samples(3.0), "seconds")
    baseline = bench.summary(_samples(2.0), "seconds")
    fig = bench.figure("flow", value, baseline, "s", target="ratio <= 1.3", note="20 orders")
    assert fig == {
        "name": "flow",
        "value": value,
        "baseline": baseline,
        "ratio": 1.5,
        "unit": "s",
        "target": "ratio <= 1.3",
        "note": "20 orders",
    }


def test_split_counts_is_proportional_and_exact():
    counts = bench.split_counts(200, list(range(1, 13)))
    assert sum(counts) == 200
    assert counts == sorted(counts)  # more repairs in recent months
    assert counts[-1] == max(counts) > 4 * counts[0]
    assert bench.split_counts(5, [1, 1, 1]) in ([2, 2, 1], [2, 1, 2], [1, 2, 2])
    assert bench.split_counts(0, [1, 2]) == [0, 0]
    assert bench.split_counts(3, []) == []


def test_month_starts_are_the_full_months_before_today():
    months = bench.month_starts(datetime.date(2026, 3, 15), 4)
    assert months == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


# --- table and JSON ------------------------------------------------------------------------


def _meta():
    args = types.SimpleNamespace(
        scale="medium", repeat=3, orders=200, plain_db="aftersales_bench_plain_medium"
    )
    return bench.build_meta(args, "18.0", "16.4")


def test_meta_describes_scale_machine_and_versions():
    meta = _meta()
    assert (meta["scale"], meta["repeat"], meta["orders"]) == ("medium", 3, 200)
    assert meta["flow_baseline_db"] == "aftersales_bench_plain_medium"
    assert meta["sizes"] == bench.SCALES["medium"]
    assert (meta["odoo"], meta["postgresql"]) == ("18.0", "16.4")
    assert meta["machine"]["cores"] >= 1
    assert meta["machine"]["ram_gib"] > 0


def test_table_lines():
    value = bench.summary(_samples(3.0, 2.0, 4.0), "seconds")
    baseline = bench.summary(_samples(2.0), "seconds")
    figures = [
        bench.figure("repair flow wall time", value, baseline, "s", target="ratio <= 1.3"),
        bench.figure("workbook peak", value, None, "MiB", note="2026-10"),
        {"name": "measure_coverage", "error": "KeyError('x')"},
    ]
    lines = bench.format_table(_meta(), figures)
    assert "scale medium, median of 3" in lines[0]
    assert "Odoo 18.0, PostgreSQL 16.4" in lines[0]
    flow, workbook, error = lines[2:]
    assert flow.startswith("repair flow wall time")
    assert "3 (2–4)" in flow and "1.50" in flow and "ratio <= 1.3" in flow
    assert " - " in workbook and "[2026-10]" in workbook
    assert error.endswith("not measured: KeyError('x')")


def test_json_file(tmp_path):
    value = bench.summary(_samples(3.0, 2.0), "seconds")
    figures = [bench.figure("flow", value, value, "s"), {"name": "x", "error": "boom"}]
    path = tmp_path / "bench.json"
    bench.write_json(path, _meta(), figures)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"meta", "figures"}
    assert data["meta"]["machine"]["cores"] >= 1
    assert data["figures"][0]["ratio"] == 1.0
    assert set(data["figures"][0]["value"]) == {"median", "min", "max"}
    assert data["figures"][1] == {"name": "x", "error": "boom"}


def test_step_summary_per_order_and_missing_steps():
    samples = [
        {"seconds": 1.0, "queries": 300, "count": 10, "steps": {"create": 130, "confirm": 170}},
        {"seconds": 1.0, "queries": 600, "count": 20, "steps": {"create": 300, "confirm": 300}},
    ]
    assert bench.step_summary(samples, "create") == {"median": 14.0, "min": 13.0, "max": 15.0}
    # the plain flow has no approval step: no baseline rather than zero
    assert bench.step_summary(samples, "price approval (request + approve)") is None


def test_step_wall_time_and_shared_steps():
    samples = [
        {
            "seconds": 3.0,
            "queries": 300,
            "count": 10,
            "steps": {"create": 130, "approval": 50, "confirm": 120},
            "step_seconds": {"create": 0.5, "approval": 2.0, "confirm": 0.5},
        },
        {
            "seconds": 5.0,
            "queries": 300,
            "count": 10,
            "steps": {"create": 130, "approval": 50, "confirm": 120},
            "step_seconds": {"create": 1.5, "approval": 2.0, "confirm": 1.5},
        },
    ]
    assert bench.step_summary(samples, "approval", "step_seconds") == {
        "median": 0.2,
        "min": 0.2,
        "max": 0.2,
    }
    # the wall time of the steps both flows have, whole runs (not per order)
    assert bench.shared_steps_summary(samples, ["create", "confirm"]) == {
        "median": 2.0,
        "min": 1.0,
        "max": 3.0,
    }
    assert bench.shared_steps_summary([{"seconds": 1.0, "count": 1}], ["create"]) is None


def test_steps_record_the_runs_after_the_first():
    """A step run order by order keeps the queries of each run after the first: its steady
    cost, without what the first run reads into the transaction's caches."""

    class Cursor:
        sql_log_count = 0

    class Env:
        cr = Cursor()

        def flush_all(self):
            pass

    env = Env()
    steps = bench.Steps(env)
    for queries in (50, 12, 12, 13):
        with steps("approval"):
            env.cr.sql_log_count += queries
    with steps("start"):
        env.cr.sql_log_count += 7
    assert steps.queries == {"approval": 87, "start": 7}
    assert steps.queries_after_first == {"approval": [12, 12, 13]}
    sample = {"value": sum(steps.queries_after_first["approval"]), "count": 3}
    assert bench.summary([sample], "value", per_record=True)["median"] == 37 / 3
