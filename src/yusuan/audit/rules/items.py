"""The items of a numbered list each explain themselves: a sentence copied from another item
that speaks of that item's subject, not its own, was left unedited.

2．政府性基金预算财政拨款收入 0 万元，……不存在 2018 年上级补助收入数，同时今年也无上级补助
收入。 3．上级补助收入 0 万元，……（the same words）: item 2 explains 上级补助收入.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.audit.rules.classnames import chains
from yusuan.audit.rules.drafting import item_marks
from yusuan.audit.rules.text import Passage, passages
from yusuan.catalog import normalize_name

# the subject an item opens with, before its figure or its colon: 上级补助收入 0 万元
_SUBJECT = re.compile(r"^[“\"]?(?P<subject>[\u4e00-\u9fff（）()]{2,30}?)\s*(?:[：:]|\d)")
_SENTENCE = re.compile(r"[^。；;！？!?]+")
_MIN_SENTENCE = 8  # characters a shared sentence must have to be more than a formula
_EXPLAINS = re.compile(r"(?:主要)?(?:原因|用于)")
_NUMBERED = re.compile(r"\d{1,2}\s*[、.．]")


@dataclass(frozen=True, slots=True)
class Item:
    passage: Passage
    number: int
    start: int  # offset of the item's number in the passage
    subject: str  # normalized
    sentences: tuple[tuple[int, str], ...]  # (offset, sentence without whitespace)
    words: str  # the whole item, normalized


def subject_of(body: str) -> tuple[str, int] | None:
    """The item's subject (the last link of a class chain it opens with, or the words before
    its first figure) and where its explanation starts."""
    for chain in chains(body):
        if chain[0].start <= 2:
            last = chain[-1]
            return last.name, body.index("）", last.start) + 1
        break
    match = _SUBJECT.match(body)
    if match is None:
        return None
    subject = re.sub(r"[（(][^）)]*[）)]", "", match.group("subject"))
    return subject, match.end("subject")


def items_of(passage: Passage) -> list[Item]:
    """The items of a passage: the passage itself when its heading is numbered 1、 or 1.
    (the reader takes such an item for a heading), and the items numbered inside its text."""
    text = passage.text
    marks = item_marks(text, passage.title_length)
    if _NUMBERED.fullmatch(passage.section.number.strip()):
        own = int(re.sub(r"\D", "", passage.section.number))
        marks.insert(0, (own, 0, 0))
    found: list[Item] = []
    for i, (number, start, end) in enumerate(marks):
        stop = marks[i + 1][1] if i + 1 < len(marks) else len(text)
        body = text[end:stop]
        got = subject_of(body)
        if got is None:
            continue
        subject, rest = got
        sentences = tuple(
            (end + m.start(), re.sub(r"\s", "", m.group(0))) for m in _SENTENCE.finditer(body, rest)
        )
        subject = normalize_name(subject)
        found.append(Item(passage, number, start, subject, sentences, normalize_name(body)))
    return found


def copied(items: list[Item]) -> Iterator[tuple[Item, Item, int, str]]:
    """(item, the item its sentence belongs to, offset, sentence) for each sentence an item
    shares word for word with another item of the list and that names the other's subject,
    not its own."""
    for item in items:
        for offset, sentence in item.sentences:
            if len(sentence) < _MIN_SENTENCE or item.subject in normalize_name(sentence):
                continue
            for other in items:
                if other is item or len(other.subject) < 2 or item.subject in other.subject:
                    continue
                if item.subject in other.words:
                    continue  # the other item speaks of this one: a class and its 款, related
                shares = any(sentence == s for _, s in other.sentences)
                if shares and other.subject in sentence:
                    yield item, other, offset, sentence
                    break


@rule("text.copied-reason", Severity.ERROR)
def copied_reason(ctx: Context) -> Iterator[Check]:
    """An item of a numbered list does not explain itself with another item's words.

    A sentence of one item (its reason, its use) that another item of the same list prints
    word for word, naming that other item's subject and not its own, was copied and left
    unedited: 8、……住房公积金（项）。主要用于：事业单位医疗保险支出。 beside 7、……事业单位医疗
    （项）。主要用于：事业单位医疗保险支出。 An error when the sentence is a reason or a
    use (主要原因是…, 主要用于…); other shared sentences are warnings.
    """
    # a list may run over several passages (items the reader took for headings): the items of
    # one part are compared with each other
    by_part: dict[str, list[Item]] = {}
    for passage in passages(ctx.doc.sections):
        by_part.setdefault(passage.section.part, []).extend(items_of(passage))
    for found_items in by_part.values():
        found = list(copied(found_items))
        if not found:
            yield ctx.ok()
        for item, other, offset, sentence in found:
            yield ctx.fail(
                f"第 {item.number} 项（{item.subject}）的说明“{sentence}”与第 {other.number} 项"
                f"（{other.subject}）逐字相同，且说的是“{other.subject}”而非本项，疑为照抄未改。",
                ctx.at_section(item.passage.section, item.passage.span(offset)),
                suggestion=f"按第 {item.number} 项“{item.subject}”的实际情况改写说明。",
                # a reason or a use naming another item is that item's; other words may be shared
                severity=None if _EXPLAINS.match(sentence) else Severity.WARNING,
            )
