"""Check the hash chains of a log and name each broken link.

Fed rows in notification order (from the database or from an export), it checks

* each event against its stream: versions 1, 2, 3 ... without gaps, and
  `event_hash` recomputed from the stored bytes and the previous event's hash;
* each event against the log: `log_hash = H(previous log_hash | event_hash)`;
* each seal: the log hash recomputed from the first event up to the seal's head
  equals the sealed hash (this catches rewrites that recomputed stored hashes);
* optionally a published hash (`--against`): some prefix of the log hashes to it;

and says what happened where: changed data, deleted, inserted or reordered events.
A broken log link is judged when the next row is known: if the rows around it
link to each other directly, it was inserted; if it links to the next row, the
two were swapped; otherwise it is explained at the end (moved, or something
before it deleted).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from adapters.hashing import GENESIS, event_hash, log_hash
from adapters.log_reader import LogRow
from adapters.verify_report import Expected, Problem, Report, SealInfo


@attrs.define
class StreamHead:
    version: int
    stored: bytes | None  # None: the previous event is missing, its link cannot be checked
    true: bytes  # recomputed from the bytes alone (differs once something was altered)
    position: int = 0  # notification id of this version


@attrs.define
class Suspect:
    row: LogRow
    before: LogRow | None
    before_log: bytes
    event_ok: bool


class Verifier:
    def __init__(self, seals: list[SealInfo], against: str | None = None,
                 start_log: bytes = GENESIS, start_position: int = 0,
                 expected: Iterable[Expected] = ()) -> None:
        self.report = Report(seals_checked=[])
        self.expected = sorted(expected, key=lambda e: e.size)
        self.seals = sorted(seals, key=lambda s: s.head)
        self.against = against.lower() if against else None
        self.streams: dict[str, StreamHead] = {}
        self.prev: LogRow | None = None
        self.prev_log = start_log
        self.true_log = start_log
        self.diverged = False
        self.count = 0
        self.suspect: Suspect | None = None
        # (stream, missing version) -> (position of the version before, of the one after)
        self.gaps: dict[tuple[str, int], tuple[int, int]] = {}
        self.changed: list[tuple[LogRow, bytes]] = []
        self.breaks: list[Suspect] = []
        self.pool: dict[bytes, LogRow] = {}  # stored log hashes around broken links
        self.explained: set[int] = set()  # notification ids already named
        if self.against and start_position and start_log.hex().startswith(self.against):
            self.report.against_at = start_position  # an export that starts at the seal

    def seed_stream(self, originator_id: str, version: int, previous_hash: bytes) -> None:
        """For partial exports: the hash of the event before the first one exported."""
        self.streams[originator_id] = StreamHead(version, previous_hash, previous_hash)

    # -- per row -------------------------------------------------------------------
    def feed(self, row: LogRow) -> None:
        if self.expected:
            self._check_expected()
        self._check_seals(row.notification_id)
        next_log = self._settle_suspect(row)
        event_ok = self._check_stream(row)
        if log_hash(self.prev_log, row.event_hash) != row.log_hash:
            self.suspect = Suspect(row, self.prev, self.prev_log, event_ok)
            if self.prev is not None:
                self.pool[self.prev_log] = self.prev
            self.pool[row.log_hash] = row
        self._advance_true_chain(row)
        self.count += 1
        self.prev, self.prev_log = row, next_log or row.log_hash

    def _check_stream(self, row: LogRow) -> bool:
        head = self.streams.get(row.originator_id)
        expected = head.version + 1 if head else 1
        if head and row.version <= head.version:
            # An earlier version arriving late was moved, not deleted; the broken
            # log links around the move say where it belongs.
            self.gaps.pop((row.originator_id, row.version), None)
            return True
        for missing in range(expected, row.version):
            self.gaps[(row.originator_id, missing)] = (head.position if head else 0,
                                                       row.notification_id)
        previous = GENESIS if row.version == 1 else (
            head.stored if head and row.version == expected else None)
        ok = previous is None or event_hash(
            previous, row.originator_id, row.version, row.topic, row.state) == row.event_hash
        if not ok:
            assert previous is not None
            self.changed.append((row, previous))
        true = row.event_hash
        if self.diverged or not ok:
            true = event_hash(head.true if head else GENESIS, row.originator_id, row.version,
                              row.topic, row.state)
        if head is None:
            self.streams[row.originator_id] = StreamHead(row.version, row.event_hash, true,
                                                         row.notification_id)
        else:  # updated in place: this runs once per event of the log
            head.version, head.stored, head.true = row.version, row.event_hash, true
            head.position = row.notification_id
        return ok

    def _advance_true_chain(self, row: LogRow) -> None:
        true_event = self.streams[row.originator_id].true
        if not self.diverged and (true_event != row.event_hash or self.suspect is not None
                                  or self.report.problems or self.gaps):
            self.diverged = True
        self.true_log = (row.log_hash if not self.diverged
                         else log_hash(self.true_log, true_event))
        if self.against and self.report.against_at is None and \
                self.true_log.hex().startswith(self.against):
            self.report.against_at = row.notification_id

    def _settle_suspect(self, row: LogRow | None) -> bytes | None:
        """Judge the previous row's broken link now that `row` follows it.

        Returns the log hash that the row after `row` should link to, when two
        neighbours were swapped (it is then the first one's, not `row`'s).
        """
        s, self.suspect = self.suspect, None
        if s is None:
            return None
        if row is not None and log_hash(row.log_hash, s.row.event_hash) == s.row.log_hash:
            for moved, other in ((s.row, row), (row, s.row)):
                self._problem("reordered", moved, (
                    f"swapped with its neighbour, notification {other.notification_id} "
                    f"({other.originator_id} v{other.version})",
                    f"与相邻的通知 {other.notification_id}（{other.originator_id} 第 "
                    f"{other.version} 版）互换了位置"))
            self.prev_log = s.before_log  # `row` originally followed the row before both
            return s.row.log_hash
        if row is not None and log_hash(s.before_log, row.event_hash) == row.log_hash:
            self._problem("inserted", s.row, (
                "not part of the recorded log: the events on either side link to each other",
                "不属于原始日志：其前后两个事件的哈希直接相连"))
            self.prev_log = s.before_log
            return None
        if s.event_ok:
            self.breaks.append(s)
        elif row is None:
            self._problem("inserted", s.row, (
                "the last event fits neither its stream nor the log (inserted or altered)",
                "日志末尾的事件既不符合其事件流也不符合日志链（被插入或被篡改）"))
        else:
            self._problem("changed", s.row, (
                "its bytes and its stored hashes were altered", "其内容与存储的哈希均被改动"))
        return None

    def _check_seals(self, position: int | None) -> None:
        while self.seals and (position is None or self.seals[0].head < position):
            seal = self.seals.pop(0)
            ok = self.true_log.hex() == seal.log_hash and self.count == seal.events
            self.report.seals_checked.append((seal, ok))
            if not ok:
                self.report.problems.append(Problem(
                    "seal_mismatch", seal.notification_id, seal.ref, None,
                    f"the log up to notification {seal.head} no longer hashes to the sealed "
                    f"{seal.log_hash[:16]}… ({self.count} events now, {seal.events} when sealed)",
                    f"至通知 {seal.head} 的日志哈希已不等于封存值 {seal.log_hash[:16]}…"
                    f"（现有 {self.count} 个事件，封存时 {seal.events} 个）"))

    def _check_expected(self) -> None:
        """Heads remembered or published: the log after `size` events must hash the same."""
        while self.expected and self.expected[0].size <= self.count:
            e = self.expected.pop(0)
            if e.size < self.count:
                detail = (f"this archive starts after event {self.count}, so it cannot show "
                          f"{e.label_en} ({e.size} events)",
                          f"本归档从第 {self.count} 个事件之后开始，无法核对{e.label_zh}（{e.size} 个事件）")
            elif self.true_log.hex() != e.log_hash and not self.diverged:
                # (once diverged, the problems named before this head explain the difference)
                detail = (f"the log no longer reproduces {e.label_en}: its first {e.size} events "
                          f"now hash to {self.true_log.hex()[:16]}…, not {e.log_hash[:16]}… "
                          "(events were changed, replaced or removed and the hashes recomputed, "
                          "or the store was replaced by another copy)",
                          f"日志已无法复现{e.label_zh}：前 {e.size} 个事件的哈希现为 "
                          f"{self.true_log.hex()[:16]}…，而非 {e.log_hash[:16]}…（事件被改动、替换或"
                          "删除后重算了哈希，或数据存储被换成了另一份副本）")
            else:
                continue
            self.report.problems.append(Problem("head_mismatch", None, None, None, *detail))

    def _problem(self, kind: str, row: LogRow, detail: tuple[str, str]) -> None:
        self.explained.add(row.notification_id)
        self.report.problems.append(
            Problem(kind, row.notification_id, row.originator_id, row.version, *detail))

    # -- at the end ----------------------------------------------------------------
    def finish(self) -> Report:
        self._check_expected()
        for e in self.expected:  # heads beyond the end: the log was cut short
            self.report.problems.append(Problem(
                "truncated", None, None, None,
                f"the store is older than {e.label_en}: {e.size - self.count} events missing "
                f"({e.size} then, {self.count} now)",
                f"数据存储比{e.label_zh}时更旧：缺少 {e.size - self.count} 个事件"
                f"（当时 {e.size} 个，现在 {self.count} 个）"))
        self.expected = []
        self._settle_suspect(None)
        self._check_seals(None)
        self._explain_changes()
        self._explain_breaks()
        for (oid, version), (_before, seen_at) in sorted(self.gaps.items()):
            self.report.problems.append(Problem(
                "deleted", seen_at, oid, version, f"version {version} is missing from its stream",
                f"该事件流缺少第 {version} 版"))
        if self.against and self.report.against_at is None:
            self.report.problems.append(Problem(
                "against_mismatch", None, None, None,
                f"no prefix of this log hashes to {self.against}: it was altered before that "
                "hash was taken, or the hash belongs to another store",
                f"本日志没有任何前缀的哈希等于 {self.against}："
                "取得该哈希之后日志被改动，或该哈希属于其他数据存储"))
        self.report.events, self.report.streams = self.count, len(self.streams)
        self.report.log_hash = self.true_log.hex()
        unique = {(p.kind, p.notification_id, p.aggregate, p.version): p
                  for p in reversed(self.report.problems)}
        self.report.problems = sorted(unique.values(),
                                      key=lambda p: (p.notification_id or 0, p.kind))
        return self.report

    def _explain_changes(self) -> None:
        """A row whose bytes fail its hash: altered, or holding another version's data."""
        by_stream: dict[str, list[tuple[LogRow, bytes]]] = {}
        for row, previous in self.changed:
            if row.notification_id not in self.explained:
                by_stream.setdefault(row.originator_id, []).append((row, previous))
        for entries in by_stream.values():
            for row, _ in entries:
                partner = next((other for other, other_prev in entries if other is not row and
                                any(event_hash(other_prev, other.originator_id, other.version,
                                               topic, row.state) == other.event_hash
                                    for topic in (row.topic, other.topic))), None)
                if partner is not None:
                    self._problem("reordered", row, (
                        f"holds the data recorded as version {partner.version} (swapped)",
                        f"其内容原属第 {partner.version} 版（事件被调换）"))
                else:
                    self._problem("changed", row, (
                        "its data no longer matches the hash recorded when it was written",
                        "其内容与写入时记录的哈希不符（数据被改动）"))

    def _explain_breaks(self) -> None:
        """A sound event linked to the wrong predecessor: moved, or a deletion before it."""
        for s in self.breaks:
            where = s.before.notification_id if s.before else 0
            if s.row.notification_id in self.explained or any(
                    before <= where and s.row.notification_id <= after
                    for before, after in self.gaps.values()):
                continue  # explained, or a missing stream version that fits the gap says it all
            origin = next((p for h, p in self.pool.items() if p is not s.before
                           and log_hash(h, s.row.event_hash) == s.row.log_hash), None)
            if origin is not None:
                self._problem("reordered", s.row, (
                    f"was recorded right after notification {origin.notification_id} "
                    f"({origin.originator_id} v{origin.version}), not where it stands now",
                    f"原本紧接在通知 {origin.notification_id}（{origin.originator_id} 第 "
                    f"{origin.version} 版）之后"))
            else:
                # The deleted event's own stream cannot be told from what remains
                # (it was that stream's last), so no aggregate is named.
                self.report.problems.append(Problem(
                    "deleted", s.row.notification_id, None, None,
                    f"the log breaks between notification {where} and {s.row.notification_id}: "
                    "an event in between was deleted (the last of its stream)",
                    f"通知 {where} 与 {s.row.notification_id} 之间断链：其间有事件被删除"
                    "（为其事件流的最后一个事件）"))


def verify_rows(rows: Iterable[LogRow], seals: list[SealInfo], against: str | None = None,
                expected: Iterable[Expected] = ()) -> Report:
    verifier = Verifier(seals, against, expected=expected)
    for row in rows:
        verifier.feed(row)
    return verifier.finish()
