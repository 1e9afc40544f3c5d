"""What every read-model table and column means: one source for `COMMENT ON` (PostgreSQL)
and docs/datasette-metadata.json (Datasette). docs/reporting.md says the same at length.

    .venv/bin/python -m adapters.read_catalog > docs/datasette-metadata.json
"""

from __future__ import annotations

import json

from adapters.store_names import EVENTS_TABLE

DAY = "local calendar day (GONGZHI_TZ, default Asia/Shanghai)"
MONTH = "local month, text 'YYYY-MM'"
GRID_KEY = "unambiguous grid key 'community/grid' (grid names repeat across communities)"

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "cases": ("One row per case, as it stands now (projection cases)", {
        "ref": "case reference C<year>-<number>, key",
        "status": "open, agreed, failed (all in progress) or closed (terminal until reopened)",
        "is_closed": "1 when status is closed, else 0",
        "level": "where the case is handled now: grid, community, subdistrict",
        "channel": "intake channel code (see labels)",
        "categories": "category codes, comma-separated (filter with case_categories)",
        "community": "community (社区)", "grid": "grid name (网格), not unique on its own",
        "grid_key": GRID_KEY,
        "building": "building (楼栋)",
        "building_key": "unambiguous building key 'community/grid/building'",
        "summary": "what the complaint is about",
        "complainant_count": "number of complainants",
        "respondent_count": "number of respondents",
        "mediator": "current mediator, null if none", "departments": "department codes referred to",
        "open_commitments": "commitments not yet settled",
        "opened_at": "when the case was raised (instant)", "opened_on": f"{DAY} of opened_at",
        "opened_month": f"{MONTH} of opened_on",
        "last_activity_at": "latest business time of any step",
        "last_activity_on": f"{DAY} of last_activity_at",
        "closed_at": "when it was last closed; null unless closed",
        "closed_on": f"{DAY} of closed_at", "closed_month": f"{MONTH} of closed_on",
        "outcome": "outcome of the last closing (see labels)",
        "satisfaction": "follow-up satisfaction of the last closing (see labels)",
        "reopened_count": "times reopened", "version": "number of events of the case",
    }),
    "case_categories": ("Categories of each case, one row per case and category", {
        "ref": "the case", "category": "a category code of the case (see labels)",
    }),
    "commitments": ("One row per commitment, with its validity interval: open on day D when "
                    "made_on <= D AND (settled_on IS NULL OR settled_on > D)", {
        "ref": "the case", "commitment_id": "K1, K2 ... within the case",
        "party": "party key (c1, r1 ...) or department code",
        "duty": "what was promised",
        "due": "due day", "status": "open; fulfilled or breached (terminal)",
        "is_open": "1 while not settled", "made_at": "when it was made (instant)",
        "made_on": f"{DAY} of made_at", "settled_at": "when fulfilled or breached; null while open",
        "settled_on": f"{DAY} of settled_at", "note": "remarks recorded when settling",
    }),
    "case_facts": ("One row per case for statistics (projection case_stats)", {
        "ref": "the case", "opened_at": "when raised (instant)", "opened_on": f"{DAY} of opened_at",
        "opened_month": f"{MONTH} of opened_on", "channel": "intake channel code",
        "community": "community", "grid": "grid name", "grid_key": GRID_KEY,
        "categories": "category codes, comma-separated", "first_level": "level at intake",
        "max_level": "highest level reached (grid: never left the grid)",
        "escalations": "number of escalations", "mediator": "current mediator",
        "is_closed": "1 when the case is closed now", "closed_at": "last closing (instant)",
        "closed_on": f"{DAY} of the last closing; null unless closed",
        "closed_month": f"{MONTH} of closed_on", "outcome": "outcome of the last closing",
        "satisfaction": "satisfaction of the last closing",
        "resolution_days": "days from opened_at to the last closing",
        "times_closed": "closings, counting those undone by a reopening", "reopened": "reopenings",
    }),
    "case_closings": ("One row per closing (a case closed, reopened and closed again has two)", {
        "ref": "the case", "closing": "1 for the first closing, 2 after a reopening ...",
        "closed_at": "when (instant)", "closed_on": f"{DAY} of closed_at",
        "month": f"{MONTH} of closed_on", "community": "community", "grid": "grid name",
        "grid_key": GRID_KEY, "mediator": "mediator at the closing", "max_level":
        "highest level reached by then", "outcome": "outcome code", "satisfaction":
        "follow-up satisfaction code", "resolution_days": "days from opening to this closing",
        "days_to_close": "whole days from opening to this closing (for medians)",
        "is_last": "1 unless the case was reopened after this closing",
    }),
    "case_stats": ("Counters per local day, dimension and value; a period is the SUM of its days", {
        "day": DAY, "month": f"{MONTH} of day",
        "dimension": "all, category, grid, community, channel, level, outcome, satisfaction, mediator",
        "value": "the code or name along the dimension (grid: grid_key; all: *)",
        "opened": "cases raised", "closed": "closings", "resolved": "closings with outcome resolved",
        "resolved_in_grid": "resolved closings of cases that never left the grid",
        "resolution_days_total": "sum of resolution_days of the closings",
        "reached": "closings whose follow-up reached the parties (satisfaction not unreachable)",
        "satisfied": "closings with satisfaction satisfied or basically_satisfied",
        "escalated": "escalations", "reopened": "reopenings",
    }),
    "case_rates": ("Resolution and satisfaction rates of the closings per month and dimension", {
        "month": MONTH, "dimension": "all, community, grid, category, mediator",
        "value": "the value along the dimension (grid: grid_key; all: *)",
        "closed": "closings in the month", "resolved": "closings with outcome resolved",
        "resolution_rate": "解决率 = resolved / closed (null when closed is 0)",
        "reached": "closings whose follow-up reached the parties",
        "satisfied": "closings with satisfaction satisfied or basically_satisfied",
        "unreachable": "closings whose follow-up reached nobody (in no rate)",
        "satisfaction_rate": "满意率 = satisfied / reached (null when reached is 0)",
    }),
    "case_counts": ("Cases opened and closed per local day x grid x category", {
        "day": DAY, "month": f"{MONTH} of day", "community": "community", "grid": "grid name",
        "grid_key": GRID_KEY, "category": "category code (a case with two counts under both)",
        "opened": "cases raised", "closed": "closings", "resolved": "closings with outcome resolved",
    }),
    "labels": ("Chinese and English label of every code stored in the read models", {
        "kind": "vocabulary: status, level, channel, category, outcome, satisfaction, "
                "commitment_status, department, ...",
        "code": "the stored code", "zh": "Chinese label", "en": "English label",
    }),
    "projection_positions": ("How far each read model has got in the event log", {
        "name": "projection: cases, commitments, case_stats",
        "version": "version of the projection code that built the rows",
        "settings": "settings the rows depend on, e.g. tz=Asia/Shanghai",
        "position": "last event (notification id) folded into the rows",
        "log_hash": "log hash stored with that event", "updated_at": "when last written",
    }),
}

HIDDEN = (EVENTS_TABLE,)


def datasette_metadata(database: str = "gongzhi") -> dict[str, object]:
    tables: dict[str, object] = {
        name: {"description": text, "columns": columns}
        for name, (text, columns) in TABLES.items()
    }
    for name in HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "Gongzhi read models (共治 报表)",
        "description": "Read-only tables folded from the case events; see docs/reporting.md",
        "databases": {database: {"tables": tables}},
    }


if __name__ == "__main__":
    print(json.dumps(datasette_metadata(), ensure_ascii=False, indent=2))
