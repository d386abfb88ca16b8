"""The classification catalogs: bundled data, lookups, user layers, validation and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.catalog import (
    Catalog,
    CatalogError,
    Entry,
    MappingEntry,
    Part,
    Problem,
    Status,
    UnitType,
    available_years,
    bundled_root,
    check_catalog_dir,
    load_catalog,
    load_catalog_from,
    names_match,
    part_of_code,
)
from yusuan.cli import cli

ENTRY_HEADER = "code,name,level,parent,status,source"
MAPPING_HEADER = "dept_code,gov_code,note,status,source"


def write(folder: Path, name: str, *lines: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


@pytest.fixture(scope="module")
def book() -> Catalog:
    return load_catalog()


# --- the bundled catalog -------------------------------------------------------------------


def test_bundled_directories_are_2017_and_2023_and_pass_their_own_check() -> None:
    assert available_years() == (2017, 2023)
    assert check_catalog_dir(Path(str(bundled_root() / "2023"))) == []
    assert check_catalog_dir(Path(str(bundled_root() / "2017"))) == []


def test_bundled_catalog_keeps_every_row_of_the_source_files(book: Catalog) -> None:
    # Row counts of the shared source files (SOURCES.md), plus 2101199 seen in a corpus
    # disclosure (C1) and the codes attested in published disclosures (A): nothing dropped.
    assert len(book.entries(Part.FUNCTION)) == 504
    assert len(book.entries(Part.ECON_DEPT)) == 110
    assert len(book.entries(Part.ECON_GOV)) == 80
    assert len(book.mappings()) == 167
    assert book.year == 2023
    assert book.provenance == "bundled 2023"


def test_function_classes_are_level_one_and_sorted(book: Catalog) -> None:
    classes = book.function_classes()
    codes = [entry.code for entry in classes]
    assert codes == sorted(codes)
    assert {entry.level for entry in classes} == {1}
    assert codes[0] == "201" and "233" in codes and "20101" not in codes
    assert len(codes) == 29


def test_verified_row_lookup_carries_status_source_and_origin(book: Catalog) -> None:
    entry = book.function("2080505")
    assert entry == Entry(
        code="2080505",
        name="机关事业单位基本养老保险缴费支出",
        level=3,
        parent="20805",
        status=Status.VERIFIED,
        source="B;G6;https://m.bidcenter.com.cn/newsrili-1-284761177.html",
        part=Part.FUNCTION,
        origin="bundled 2023",
    )
    assert entry.verified
    assert entry.sources[:2] == ("B", "G6")
    assert entry.level_name == "项"


def test_unverified_and_2024_rows_say_so(book: Catalog) -> None:
    unverified = book.econ_gov("50206")
    assert unverified is not None and unverified.name == "公务接待费"
    assert unverified.status is Status.UNVERIFIED and not unverified.verified
    assert unverified.source == "R"
    from_2024 = book.function("2130508")
    assert from_2024 is not None and from_2024.status is Status.VERIFIED_2024
    # Seen only in the 2024 book: not confirmed for the 2023 catalog it sits in.
    assert not from_2024.verified


def test_lookup_guesses_the_part_from_the_code(book: Catalog) -> None:
    function = book.lookup("201")
    dept = book.lookup(" 30101 ")
    gov = book.lookup("50101")
    assert function is not None and function.part is Part.FUNCTION
    assert dept is not None and dept.part is Part.ECON_DEPT and dept.name == "基本工资"
    assert gov is not None and gov.part is Part.ECON_GOV and gov.name == "工资奖金津补贴"
    assert book.lookup("2010103") is None  # plausible code, absent from the partial copy
    for bad in ("", "20", "2010", "301010", "401", "３０１", "2O1"):
        assert book.lookup(bad) is None, bad
    assert book.econ_dept("201") is None  # the part-specific getters do not guess
    assert part_of_code("2010101") is Part.FUNCTION
    assert part_of_code("3010101") is None  # economic codes stop at 款


def test_children_and_chain(book: Catalog) -> None:
    assert [entry.code for entry in book.children("208")][:4] == [
        "20801",
        "20802",
        "20805",
        "20806",
    ]
    assert [entry.code for entry in book.children("20809")] == [
        "2080901",
        "2080902",
        "2080903",
        "2080904",
        "2080905",
        "2080999",
    ]
    assert book.children("2080901") == ()
    assert book.children("nonsense") == ()
    assert [entry.code for entry in book.chain("2080505")] == ["208", "20805", "2080505"]


def test_gov_codes_for_filters_by_unit_type(book: Catalog) -> None:
    everything = book.gov_codes_for("30101")
    assert {(row.unit_type, row.gov_code) for row in everything} == {
        (UnitType.ORGAN, "50101"),
        (UnitType.INSTITUTION, "50501"),
    }
    organ = book.gov_codes_for("30101", UnitType.ORGAN)
    assert [row.gov_code for row in organ] == ["50101"]
    assert organ[0] == MappingEntry(
        "30101", "50101", UnitType.ORGAN, Status.VERIFIED, "P2", "bundled 2023"
    )
    assert [row.gov_code for row in book.gov_codes_for("30101", UnitType.INSTITUTION)] == ["50501"]
    # A 通用 row applies to every kind of unit.
    assert [row.gov_code for row in book.gov_codes_for("30302", UnitType.ORGAN)] == ["50905"]
    assert [row.gov_code for row in book.gov_codes_for("30302", UnitType.INSTITUTION)] == ["50905"]
    assert book.gov_codes_for("30101", UnitType.ANY) == ()
    assert book.gov_codes_for("99999") == ()


def test_completeness_follows_catalog_toml(book: Catalog) -> None:
    assert book.is_complete(Part.FUNCTION, 1)
    assert not book.is_complete(Part.FUNCTION, 2)
    assert not book.is_complete(Part.FUNCTION, 3)
    assert book.is_complete(Part.ECON_DEPT, 2)
    assert book.is_complete(Part.ECON_GOV, 1)
    # Absent from a complete level (or under an absent class): certainly not a code.
    assert book.is_known_absent("235")
    assert book.is_known_absent("2340101")
    assert book.is_known_absent("30104")
    # Absent from the partial 项 list only: may be a real code.
    assert not book.is_known_absent("2010103")
    assert not book.is_known_absent("201")


def test_load_catalog_is_cached_and_years_fall_back(book: Catalog) -> None:
    assert load_catalog() is book
    old = load_catalog(2019)
    assert old.year == 2019
    assert old.provenance == "bundled 2023"  # the only bundled book serves earlier years
    assert old.function("201") == book.function("201")
    assert load_catalog(2030).provenance == "bundled 2023"


# --- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "catalog_name"),
    [
        ("文化旅游体育与传媒", "文化旅游体育与传媒支出"),
        ("国防支出(", "国防支出"),
        ("政府办公厅(室)及相关机构事务", "政府办公厅（室）及相关机构事务"),
        ("政府办公厅 （ 室 ） 及相关机构事务", "政府办公厅（室）及相关机构事务"),
        ("\u3000一般公共服务支出 ", "一般公共服务支出"),
        ('"三西"农业建设专项补助', "“三西”农业建设专项补助"),
        ("三西农业建设专项补助", "“三西”农业建设专项补助"),
        ("因公出国(境)费用", "因公出国（境）费用"),
        ("其他支出", "其他支出"),
        ("ＡＢＣ事务", "ABC事务"),
        ("一般公共服务支出 |", "一般公共服务支出"),  # a table rule read as text
    ],
)
def test_names_match_tolerates_form(printed: str, catalog_name: str) -> None:
    assert names_match(printed, catalog_name)
    assert Catalog.names_match(printed, catalog_name)


@pytest.mark.parametrize(
    ("printed", "catalog_name"),
    [
        ("外交支出", "国防支出"),
        ("机关资本性支出(一)", "机关资本性支出（二）"),
        ("行政事业单位离退休", "行政事业单位养老支出"),
        ("", "国防支出"),
        ("（）", "国防支出"),
        ("一般公共服务", "一般公共服务支出支出"),
    ],
)
def test_names_match_rejects_other_names(printed: str, catalog_name: str) -> None:
    assert not names_match(printed, catalog_name)


# --- a user's catalog directory --------------------------------------------------------------


def test_user_directory_overrides_and_extends(tmp_path: Path, book: Catalog) -> None:
    user = tmp_path / "book"
    # No status column: its rows get status `user`.
    write(
        user,
        "function.csv",
        "code,name,level,parent,source",
        "20101,人大事务（书）,2,201,book p.3",
        "2010103,机关服务,3,20101,book p.3",
    )
    # With a status column: each row keeps its own.
    write(user, "econ_gov.csv", ENTRY_HEADER, "50206,公务接待费,2,502,verified,book p.90")
    write(user, "econ_mapping.csv", MAPPING_HEADER, "30203,50201,机关,verified,book p.120")
    loaded = load_catalog(2023, user)
    assert loaded.provenance == f"bundled 2023; {user.resolve()}"
    assert loaded is load_catalog(2023, user)

    replaced = loaded.function("20101")
    assert replaced is not None
    assert (replaced.name, replaced.status, replaced.origin) == (
        "人大事务（书）",
        Status.USER,
        str(user.resolve()),
    )
    added = loaded.function("2010103")
    assert added is not None and added.status is Status.USER and added.source == "book p.3"
    assert "2010103" in [entry.code for entry in loaded.children("20101")]
    confirmed = loaded.econ_gov("50206")
    assert confirmed is not None and confirmed.status is Status.VERIFIED
    untouched = loaded.function("201")
    assert untouched == book.function("201") and untouched is not None
    assert untouched.origin == "bundled 2023"
    # The user's 机关 row for 30203 replaces the bundled one (50205); 事业单位 stays.
    rows = {(row.unit_type, row.gov_code, row.origin) for row in loaded.gov_codes_for("30203")}
    assert rows == {
        (UnitType.ORGAN, "50201", str(user.resolve())),
        (UnitType.INSTITUTION, "50502", "bundled 2023"),
    }
    # The bundled catalog itself is unchanged.
    assert [row.gov_code for row in book.gov_codes_for("30203", UnitType.ORGAN)] == ["50205"]
    entry = book.function("20101")
    assert entry is not None and entry.name == "人大事务"


def test_user_directory_may_claim_completeness(tmp_path: Path) -> None:
    user = tmp_path / "full"
    write(user, "function.csv", "code,name", "2010101,行政运行")
    (user / "catalog.toml").write_text("[function]\ncomplete_levels = [1, 2, 3]\n", "utf-8")
    loaded = load_catalog(None, user)
    assert loaded.is_complete(Part.FUNCTION, 3)
    assert loaded.is_complete(Part.ECON_DEPT, 2)  # inherited from the bundled claim


def test_user_directory_with_problems_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "broken"
    write(user, "function.csv", ENTRY_HEADER, "2019801,孤儿,3,20198,verified,B")
    with pytest.raises(CatalogError) as caught:
        load_catalog(None, user)
    assert "20198" in str(caught.value)
    assert [problem.line for problem in caught.value.problems] == [2]
    with pytest.raises(CatalogError, match="not a catalog directory"):
        load_catalog(None, tmp_path / "missing")


def test_year_directories_layer_newest_on_top(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write(
        root / "2020",
        "function.csv",
        ENTRY_HEADER,
        "201,一般公共服务支出,1,,verified,A",
        "20101,人大事务,2,201,verified,A",
    )
    (root / "2020" / "catalog.toml").write_text("[function]\ncomplete_levels = [1]\n", "utf-8")
    write(
        root / "2024",
        "function.csv",
        ENTRY_HEADER,
        "20101,人大事务（新）,2,201,verified,B",
        "20102,政协事务,2,201,unverified,R",
    )
    (root / "2024" / "catalog.toml").write_text("[function]\ncomplete_levels = [1, 2]\n", "utf-8")
    (root / "README.md").write_text("not a year\n", "utf-8")
    assert available_years(root) == (2020, 2024)

    early = load_catalog_from(root, 2019)  # before the oldest: falls back to it
    assert early.provenance == "bundled 2020" and early.year == 2019
    assert early.function("20102") is None
    mid = load_catalog_from(root, 2023)
    assert mid.provenance == "bundled 2020"
    entry = mid.function("20101")
    assert entry is not None and entry.name == "人大事务"
    assert not mid.is_complete(Part.FUNCTION, 2)
    for year in (2024, 2026, None):
        late = load_catalog_from(root, year)
        assert late.provenance == "bundled 2020+2024"
        entry = late.function("20101")
        assert (
            entry is not None and entry.name == "人大事务（新）" and entry.origin == "bundled 2024"
        )
        kept = late.function("201")
        assert kept is not None and kept.origin == "bundled 2020"
        assert late.function("20102") is not None
        assert late.is_complete(Part.FUNCTION, 2)
    assert load_catalog_from(root).year == 2024


# --- check_catalog_dir ------------------------------------------------------------------------


def test_clean_directory_passes(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    # BOM, CRLF, a parent from the bundled catalog and one from this directory.
    (clean).mkdir()
    (clean / "function.csv").write_bytes(
        "\ufeffcode,name,level,parent,status,source\r\n"
        "2010104,人大会议,3,20101,user,book\r\n"
        "20150,新款,2,201,verified,book\r\n"
        "2015001,新项,3,20150,unverified,R\r\n".encode()
    )
    # Blank lines and spreadsheet padding (empty trailing cells) are not rows.
    write(clean, "econ_dept.csv", "code,name,", "", "30104,新款", "30105,另款,,", ",")
    write(clean, "econ_mapping.csv", "dept_code,gov_code,unit_type", "30104,50101,organ")
    assert check_catalog_dir(clean) == []
    loaded = load_catalog(None, clean)
    assert [row.gov_code for row in loaded.gov_codes_for("30104", UnitType.ORGAN)] == ["50101"]


def messages(problems: list[Problem], name: str) -> dict[int, str]:
    """The problems of one file by line, several on one line joined with " | "."""
    found: dict[int, str] = {}
    for p in problems:
        if p.file.endswith("/" + name):
            found[p.line] = f"{found[p.line]} | {p.message}" if p.line in found else p.message
    return found


def test_every_problem_type_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    write(
        bad,
        "function.csv",
        ENTRY_HEADER,
        "201,一般公共服务支出,1,,verified,B",  # 2: fine
        "2019X,字母,2,201,verified,B",  # 3: not digits
        "2011,短,2,201,verified,B",  # 4: length
        "20150,层级,3,201,verified,B",  # 5: level
        "20150,重复,2,201,verified,B",  # 6: duplicate
        "2015001,跳级,3,201,verified,B",  # 7: parent skips a level
        "2015002,非前缀,3,21050,verified,B",  # 8: parent not a prefix
        "2990101,孤儿,3,29901,verified,B",  # 9: parent exists nowhere
        "20151,参差,2",  # 10: ragged
        "20152,状态,2,201,maybe,B",  # 11: status
        "301,经济,1,,verified,B",  # 12: another list's code
        "20153,,2,201,verified,B",  # 13: no name
        "202,外交支出,1,201,verified,B",  # 14: a class with a parent
    )
    (bad / "econ_dept.csv").write_bytes("code,name\n301,工资\n302,商品\n".encode("gbk"))
    write(bad, "econ_gov.csv", "code,title", "501,x")
    write(
        bad,
        "econ_mapping.csv",
        MAPPING_HEADER,
        "30101,50101,机关,verified,P2",  # 2: fine
        "30198,50101,机关,verified,P2",  # 3: unknown department code
        "30101,50198,事业单位,verified,P2",  # 4: unknown government code
        "30101,50101,军队,verified,P2",  # 5: unknown unit type
        "30101,50101,机关（行政单位、参公单位）,verified,P2",  # 6: duplicate of line 2
        "50101,30101,通用,verified,P2",  # 7: codes swapped
    )
    write(bad, "functions.csv", ENTRY_HEADER)  # a misspelt file name

    problems = check_catalog_dir(bad)
    assert all(isinstance(p, Problem) for p in problems)
    function = messages(problems, "function.csv")
    assert set(function) == set(range(3, 15))
    assert "not all digits" in function[3]
    assert "3, 5 or 7 digits" in function[4]
    assert "level '3'" in function[5]
    assert "duplicate code 20150 (first on line 5)" in function[6]
    assert "skips a level (expected 20150)" in function[7]
    assert "not a prefix" in function[8]
    assert "29901" in function[9] and "neither" in function[9]
    assert "3 fields" in function[10] and "header has 6" in function[10]
    assert "unknown status 'maybe'" in function[11]
    assert "start with 2" in function[12]
    assert "no name" in function[13]
    assert "class code 202 has parent 201" in function[14]

    dept = messages(problems, "econ_dept.csv")
    assert list(dept) == [2] and "not UTF-8" in dept[2] and "GB18030" in dept[2]
    gov = messages(problems, "econ_gov.csv")
    assert list(gov) == [1] and "lacks required column(s) name" in gov[1]
    mapping = messages(problems, "econ_mapping.csv")
    assert set(mapping) == {3, 4, 5, 6, 7}
    assert "30198" in mapping[3]
    assert "50198" in mapping[4]
    assert "'军队' names no unit type" in mapping[5]
    assert "duplicate mapping" in mapping[6] and "line 2" in mapping[6]
    assert "'50101' is not a 部门预算支出经济分类 code" in mapping[7]
    assert "'30101' is not a 政府预算支出经济分类 code" in mapping[7]
    misspelt = [p for p in problems if p.file.endswith("functions.csv")]
    assert len(misspelt) == 1 and misspelt[0].line == 0
    assert str(misspelt[0]) == f"{bad}/functions.csv: {misspelt[0].message}"
    assert str(problems[0]).startswith(f"{bad}/econ_dept.csv:2: ")


def test_malformed_files_are_problems_not_exceptions(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "function.csv").write_bytes(b"")
    write(folder, "econ_dept.csv", "code,name", '301,"unclosed', "302,x")
    write(folder, "econ_gov.csv", "code,name,code", "501,x,501")
    (folder / "catalog.toml").write_text("[function\n", "utf-8")
    problems = check_catalog_dir(folder)
    by_file = {Path(p.file).name: p for p in problems}
    assert "empty file" in by_file["function.csv"].message
    assert "malformed CSV" in by_file["econ_dept.csv"].message
    assert "repeats column(s) code" in by_file["econ_gov.csv"].message
    assert "TOML" in by_file["catalog.toml"].message
    (folder / "catalog.toml").write_text("[fucntion]\ncomplete_levels = [1]\n", "utf-8")
    assert any("unknown table [fucntion]" in p.message for p in check_catalog_dir(folder))
    (folder / "catalog.toml").write_text("[econ_gov]\ncomplete_levels = [3]\n", "utf-8")
    assert any("complete_levels" in p.message for p in check_catalog_dir(folder))


def test_empty_and_missing_directories(tmp_path: Path) -> None:
    assert [p.message for p in check_catalog_dir(tmp_path)] == [
        "no catalog files (expected any of function.csv, econ_dept.csv, econ_gov.csv, "
        "econ_mapping.csv)"
    ]
    assert check_catalog_dir(tmp_path / "nope")[0].message == "not a directory"


# --- the CLI ----------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["catalog", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_show_functional_code() -> None:
    code, out = run("show", "2080505")
    assert code == 0
    assert "name:       机关事业单位基本养老保险缴费支出" in out
    assert "level:      3 (项)" in out
    assert "parents:    208 社会保障和就业支出 > 20805 行政事业单位养老支出" in out
    assert "status:     verified" in out
    assert "source:     B;G6;" in out
    assert "provenance: bundled 2023" in out
    assert "children:   0" in out
    assert "government mappings" not in out


def test_show_unverified_code_warns_and_counts_partial_children() -> None:
    code, out = run("show", "20111", "--year", "2020")
    assert code == 0
    assert "status:     unverified" in out
    assert "not confirmed by a source" in out
    assert "children:   1 listed (the catalog's 项 here are incomplete)" in out
    # No bundled book of 2020: the 2023 one stands in, and says so.
    assert "book:       2023 (standing in for 2020)" in out
    code, out = run("show", "30311", "--year", "2017")
    assert "name:       住房公积金" in out and "provenance: bundled 2017" in out
    assert "book:" not in out


def test_show_department_code_lists_mappings_by_unit_type() -> None:
    code, out = run("show", "30101")
    assert code == 0
    mapping_lines = out.split("government mappings:\n", 1)[1].splitlines()
    assert mapping_lines[0].split() == ["机关", "50101", "工资奖金津补贴", "(verified,", "P2)"]
    assert mapping_lines[1].split() == ["事业单位", "50501", "工资福利支出", "(verified,", "G4)"]
    code, out = run("show", "301")
    assert "government mappings: none listed" in out


def test_show_unknown_codes_exit_1_with_a_reason() -> None:
    code, out = run("show", "2010103")
    assert code == 1
    assert "not in the catalog (bundled 2023)" in out and "may still be a valid code" in out
    code, out = run("show", "2340101")
    assert code == 1 and "its 类 234 is not one" in out
    code, out = run("show", "abc")
    assert code == 1 and "not a classification code" in out


def test_show_with_user_catalog(tmp_path: Path) -> None:
    user = tmp_path / "book"
    write(user, "function.csv", "code,name", "2010103,机关服务")
    code, out = run("show", "2010103", "--catalog", str(user))
    assert code == 0
    assert "status:     user" in out
    assert f"provenance: {user.resolve()}" in out
    broken = tmp_path / "broken"
    write(broken, "function.csv", "code,name", "2019801,孤儿")
    code, out = run("show", "201", "--catalog", str(broken))
    assert code == 1 and "20198" in out and "Traceback" not in out


def test_check_command(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    write(clean, "function.csv", "code,name,level,parent", "2010104,人大会议,3,20101")
    code, out = run("check", str(clean))
    assert code == 0
    assert out.strip() == f"{clean}: no problems (checked function.csv)"

    bad = tmp_path / "bad"
    write(bad, "function.csv", "code,name,level,parent", "2010104,人大会议,2,20101", "20X,x,1,")
    code, out = run("check", str(bad))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith(f"{bad}/function.csv:2: level '2'")
    assert lines[1].startswith(f"{bad}/function.csv:3: code '20X'")
    assert lines[2].startswith("2 problem(s) in 1 file(s)")

    code, out = run("check", str(tmp_path / "missing"))
    assert code == 2
    file = write(tmp_path, "plain.csv", "code,name")
    code, out = run("check", str(file))
    assert code == 2
