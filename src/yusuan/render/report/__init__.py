"""Reports to hand on: a workbook, a CSV or one HTML page, chosen by the output's extension.

`write_report` writes all of a run's reports to one file. It writes beside the target first and
moves the file into place only when it is complete, so a failure leaves an earlier report of
the same name as it was. `check_output` refuses, before any work is done, an extension no
writer knows, a folder that does not exist and a target that is one of the inputs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from yusuan.audit import Report
from yusuan.errors import YusuanError
from yusuan.files import write_atomic_with
from yusuan.render.report.rows import Decide

Writer = Callable[[Path, Sequence[Report], Decide | None], None]


def _writer(suffix: str) -> Writer:
    # imported here so that `yusuan --help` does not load openpyxl or Pillow
    if suffix == ".xlsx":
        from yusuan.render.report.xlsx import write_xlsx

        return write_xlsx
    if suffix == ".csv":
        from yusuan.render.report.csvfile import write_csv

        return write_csv
    from yusuan.render.report.html import write_html

    return write_html


FORMATS = (".xlsx", ".csv", ".html")


def check_output(out: Path, inputs: Iterable[str | Path] = ()) -> None:
    """Raise a YusuanError naming `out` when no report can be written there."""
    if out.suffix.lower() not in FORMATS:
        raise YusuanError(
            f"报告只能写成 {'、'.join(FORMATS)}，不认识扩展名“{out.suffix or '（无）'}”", str(out)
        )
    folder = out.parent
    if not folder.is_dir():
        raise YusuanError(f"文件夹 {folder} 不存在", str(out))
    if out.is_dir():
        raise YusuanError("是一个文件夹，不是文件", str(out))
    target = out.resolve()
    for given in inputs:
        path = Path(given)
        if path.exists() and (path.resolve() == target or _same(path, out)):
            raise YusuanError("是输入文件之一，不能用报告覆盖它", str(out))


def _same(a: Path, b: Path) -> bool:
    try:
        return b.exists() and os.path.samefile(a, b)  # a hard link or another spelling
    except OSError:
        return False


def write_report(out: Path, reports: Sequence[Report], decide: Decide | None = None) -> None:
    """Write `reports` to `out` in the format its extension names."""
    check_output(out)
    writer = _writer(out.suffix.lower())
    try:
        write_atomic_with(out, lambda temporary: writer(temporary, reports, decide))
    except OSError as exc:
        raise YusuanError(f"报告写不进去（{exc.strerror or exc}）", str(out)) from exc


__all__ = ["FORMATS", "Decide", "check_output", "write_report"]
