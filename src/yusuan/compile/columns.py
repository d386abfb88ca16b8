"""The columns of the prov12 tables (as the template names them, prov12.toml) and which
column of each table a source of money adds to."""

from __future__ import annotations

from yusuan.compile.budget import Source

INCOME_COLUMNS = (
    "总计",
    "本年收入/合计",
    "本年收入/一般公共预算/小计",
    "本年收入/一般公共预算/其中：财政拨款",
    "本年收入/政府性基金",
    "本年收入/国有资本经营预算",
    "本年收入/财政专户管理资金收入",
    "本年收入/事业收入",
    "本年收入/事业单位经营收入",
    "本年收入/上级补助收入",
    "本年收入/附属单位上缴收入",
    "本年收入/其他收入",
    "上年结转结余/合计",
    "上年结转结余/一般公共预算",
    "上年结转结余/政府性基金",
    "上年结转结余/国有资本经营预算",
    "上年结转结余/财政专户管理资金",
    "上年结转结余/单位资金",
)
INCOME_SOURCE = {
    Source.GOV_FUND: "本年收入/政府性基金",
    Source.STATE_CAPITAL: "本年收入/国有资本经营预算",
    Source.SPECIAL_ACCOUNT: "本年收入/财政专户管理资金收入",
    Source.BUSINESS: "本年收入/事业收入",
    Source.OPERATING: "本年收入/事业单位经营收入",
    Source.SUPERIOR: "本年收入/上级补助收入",
    Source.AFFILIATED: "本年收入/附属单位上缴收入",
    Source.OTHER: "本年收入/其他收入",
}
CARRIED_SOURCE = {
    Source.GENERAL: "上年结转结余/一般公共预算",
    Source.GOV_FUND: "上年结转结余/政府性基金",
    Source.STATE_CAPITAL: "上年结转结余/国有资本经营预算",
    Source.SPECIAL_ACCOUNT: "上年结转结余/财政专户管理资金",
}
FISCAL_COLUMNS = (
    "合计",
    "一般公共预算/小计",
    "一般公共预算/其中：财政拨款",
    "政府性基金",
    "国有资本经营预算",
)
BASIC_COLUMNS = ("合计", "人员经费", "公用经费")
ECONOMIC_COLUMNS = (
    "总计",
    "一般公共预算/小计",
    "一般公共预算/其中：财政拨款",
    "政府性基金",
    "国有资本经营预算",
    "上年结转结余",
    "财政专户管理资金收入",
    "事业收入",
    "上级补助收入",
    "附属单位上缴收入",
    "事业单位经营收入",
    "其他收入",
)
ECONOMIC_SOURCE = {
    Source.GOV_FUND: "政府性基金",
    Source.STATE_CAPITAL: "国有资本经营预算",
    Source.SPECIAL_ACCOUNT: "财政专户管理资金收入",
    Source.BUSINESS: "事业收入",
    Source.OPERATING: "事业单位经营收入",
    Source.SUPERIOR: "上级补助收入",
    Source.AFFILIATED: "附属单位上缴收入",
    Source.OTHER: "其他收入",
}
SANGONG_COLUMNS = (
    "“三公”经费合计",
    "因公出国（境）费",
    "公务用车购置及运行费/小计",
    "公务用车购置及运行费/公务用车购置费",
    "公务用车购置及运行费/公务用车运行费",
    "公务接待费",
)
PROJECT_COLUMNS = (
    "合计",
    "本年拨款/一般公共预算",
    "本年拨款/政府性基金预算",
    "本年拨款/国有资本经营预算",
    "财政拨款结转结余/一般公共预算",
    "财政拨款结转结余/政府性基金预算",
    "财政拨款结转结余/国有资本经营预算",
    "财政专户管理资金",
    "单位资金",
)
PROJECT_SOURCE = {
    Source.GENERAL: "一般公共预算",
    Source.GOV_FUND: "政府性基金预算",
    Source.STATE_CAPITAL: "国有资本经营预算",
}
TARGET_COLUMNS = ("资金总额", "政府预算资金", "财政专户管理资金", "单位资金")
