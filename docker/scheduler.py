"""Periodic jobs for the compose file's `scheduler` service: one process, one
container (never scale it: each job must run once per period, whatever the
number of web containers).

    python docker/scheduler.py            run forever (checks every 30 s)
    python docker/scheduler.py --list     print the schedule
    python docker/scheduler.py --run JOB  run one job now and exit with its status

Times are the site's (Asia/Tokyo). A job that fails is logged and retried at its
next period; one job runs at a time, so a long rebuild delays the others a little.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
MANAGE = os.path.join(os.environ.get("APP_DIR", "/app"), "manage.py")


@dataclass(frozen=True)
class Job:
    command: tuple
    every: datetime.timedelta | None = None  # interval jobs: first run at start
    daily_at: datetime.time | None = None  # daily jobs: at this Tokyo time

    @property
    def name(self):
        return self.command[0]

    def next_run(self, last: datetime.datetime | None, start: datetime.datetime):
        if self.every is not None:
            return start if last is None else last + self.every
        base = last or start
        run = datetime.datetime.combine(base.date(), self.daily_at, tzinfo=TOKYO)
        return (
            run
            if run > base or (last is None and run == base)
            else run + datetime.timedelta(days=1)
        )


JOBS = [
    # Unpaid orders give their stock back (SHOP_CARD_RESERVATION_MINUTES, SHOP_BANK_TRANSFER_DAYS).
    Job(("shop_expire_reservations",), every=datetime.timedelta(minutes=5)),
    # Repeating events' stored dates move forward (TOURISM_OCCURRENCE_HORIZON_DAYS).
    Job(("tourism_refresh_occurrences",), daily_at=datetime.time(3, 15)),
    # The discovery index holds the next days' opening hours and event dates.
    Job(("rebuild_search_index",), daily_at=datetime.time(3, 45)),
    # Expired sessions out of the database.
    Job(("clearsessions",), daily_at=datetime.time(4, 30)),
    # Finished background tasks out of the queue table (failed ones are kept as long).
    Job(("prune_db_task_results", "--min-age-days", "7"), daily_at=datetime.time(4, 45)),
]


def run(job: Job) -> int:
    started = time.monotonic()
    status = subprocess.run([sys.executable, MANAGE, *job.command], check=False).returncode  # noqa: S603
    print(
        f"scheduler: {job.name} exited {status} after {time.monotonic() - started:.1f}s",
        flush=True,
    )
    return status


def forever():
    start = datetime.datetime.now(TOKYO)
    last = {job.name: None for job in JOBS}
    while True:
        now = datetime.datetime.now(TOKYO)
        for job in JOBS:
            if job.next_run(last[job.name], start) <= now:
                last[job.name] = now
                run(job)
        time.sleep(30)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--run", metavar="JOB", choices=[job.name for job in JOBS])
    args = parser.parse_args(argv)
    if args.list:
        for job in JOBS:
            when = (
                f"every {job.every}" if job.every else f"daily at {job.daily_at:%H:%M} Asia/Tokyo"
            )
            print(f"{job.name:30} {when}")
        return 0
    if args.run:
        return run(next(job for job in JOBS if job.name == args.run))
    forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
