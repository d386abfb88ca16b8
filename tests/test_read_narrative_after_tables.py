"""The narrative resuming after a table: a numbered heading, then sentences stating figures."""

from __future__ import annotations

from textwrap import dedent

from yusuan.read.text import read_text

# 上海's 单位预算 (sh-putuo-czj-2025-ys): its last table, then the notes that follow it.
LAST_TABLE_THEN_NOTES = """\
    2025年部门“三公”经费和机关运行经费预算表
    编制部门：某某区某某局 单位:万元
    “三公”经费预算数 机关运行经费预算数
    合计 因公出国(境)费 公务接待费 公务用车购置及运行费
    小计 购置费 运行费
    0.95 - 0.95 - - - 229.43
    其他相关情况说明
    一、2025年“三公”经费预算情况说明
    2025年“三公”经费预算数为0.95万元，与2024年预算持平。其中：
    （一）因公出国（境）费0万元，与2024年预算持平，此项经费由区统筹安排。
    二、机关运行经费预算
    2025年某某局财政拨款的机关运行经费预算为229.43万元。
    三、政府采购预算情况
    2025年度本单位政府采购预算117.00万元，其中：政府采购货物预算17.00万元。
    四、绩效目标设置情况
    2025年度，本单位编报绩效目标的项目共4个，涉及项目预算资金598.46万元。其中：中介机构服务费418.80万
    元 ， 财 政 业 务 费 10.00 万 元 ， 信 息 化 系 统 日 常 维 护 费 166.66 万 元 ， 援 滇 工 作 经 费 3.00 万 元 。
    五、国有资产占有使用情况
    截至2024年8月31日，本局共有车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆。
    """


def test_sentences_stating_figures_after_the_last_table_are_narrative():
    # (the line spread out with three figures, as many as the table's row, is the narrative's
    # too: the headings with sentences stating figures end the table before it)
    doc = read_text(dedent(LAST_TABLE_THEN_NOTES), "notes.txt")
    narrative = "".join(s.text for s in doc.sections)
    assert "预算数为0.95万元" in narrative
    assert "机关运行经费预算为229.43万元" in narrative
    (table,) = doc.tables
    assert len(table.rows) == 1
