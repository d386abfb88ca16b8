"""The rules that compare two documents (`yusuan.audit.across`): listed here so that they are
documented, selectable and ignorable like the others. Over one document alone they check
nothing; `yusuan audit --previous FILE` (or the store) runs them with the other document."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity


@rule("across.previous-year", Severity.WARNING)
def previous_year(ctx: Context) -> Iterator[Check]:
    """This year's figures of last year agree with last year's disclosure of the department.

    Like with like only: a 上年预算数 column (or 上年/合计 …) against last year's 预算's figure
    of the same table, row (code, else name) and column; a 增减 column, or the narrative's
    比上年增加/减少 amount or percentage, implies last year's figure (this year's less the
    change) and is held against the same quantity of last year's document; the narrative's
    上年预算数 likewise. A 预算's 上年执行数 is never compared (last year's 预算 does not state
    it). Units (元/万元) are converted and rounding of the printed figures is allowed for.
    A warning, since 上年 figures are often legitimately adjusted; an error where a table prints
    the figure itself and both tables were read with high confidence. Runs only with
    `--previous` (or the store's document of the year before).
    """
    return iter(())


@rule("across.initial-budget", Severity.WARNING)
def initial_budget(ctx: Context) -> Iterator[Check]:
    """A 决算's 年初预算数 agree with the 预算 of its year that it executes.

    Each quantity the 决算's tables print a 预算数 for (收入总计, 支出总计, 基本支出, 三公经费
    and its parts …), and each 年初预算 figure its narrative states, against that quantity in
    the department's 预算 of the same year. An error where both figures are printed in tables
    read with high confidence, else a warning (a 调整预算 may stand between them). Runs only
    with `--previous` naming that 预算.
    """
    return iter(())
