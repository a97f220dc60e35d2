"""Candidate matches between entities and the official 社区/村 (for review, never used unreviewed).

An entity's 街道 may come from an official 社区/村 its name or its sentence names
(``data/reference/communities.csv`` → its 街道). Names collide easily (清河 is not
小清河, 阳光体育运动 is not 阳光社区, 经二路社区 is not every mention of 经二路), so this
module only *proposes*: every occurrence of a community's name, or of its core (the
name without 社区/村/居 and without a trailing ordinal), in the entity's name or in
the clause of the sentence around its quote, within the entity's district; a term that is also a
街道's or district's name (泺口, 堤口路, 天桥) is not proposed. A reviewer reads each
candidate and writes one decision a line to ``data/review/community_matches.csv``;
only accepted rows count (``geo/streets.py``).
"""
from __future__ import annotations

import re
from functools import lru_cache

import paths

from .catalog import ENTITY_TABLES
from .dataset import read_table
from .reader import Document, read_document

__all__ = ["FAMILIES", "community_terms", "sentence_of", "clause_of", "candidates", "undecided_candidates", "DECISIONS"]

FAMILIES = ("places", "parks", "schools", "renewal_sites", "projects", "layout_components")
DECISIONS = {"accept", "reject"}
_SENTENCE_END = "。；！？"
_ORDINAL = re.compile(r"(第?[一二三四五六七八九十]+|[东西南北])$")


def community_terms(short_name: str) -> list[str]:
    """The forms a text may use for a community, longest first.

    >>> community_terms("火车站社区"), community_terms("阳光新城第一社区"), community_terms("白马山一居")
    (['火车站社区', '火车站'], ['阳光新城第一社区', '阳光新城第一', '阳光新城'], ['白马山一居', '白马山一', '白马山'])
    """
    terms = [short_name]
    core = re.sub(r"(社区|村|居)$", "", short_name)
    if len(core) >= 2:
        terms.append(core)
        base = _ORDINAL.sub("", core)
        if len(base) >= 2 and base != core:
            terms.append(base)
    return list(dict.fromkeys(terms))


def sentence_of(doc: Document, line: int, quote: str) -> tuple[str, int, int]:
    """The sentence holding the quote at ``line`` (the stream between 。；！？, at most 300 characters
    either side), with the quote's start and end in it. A table row (a line with tabs) is its own sentence."""
    squashed_quote = re.sub(r"\s+", "", quote or "")
    if 1 <= line <= len(doc.lines) and "\t" in doc.lines[line - 1]:
        row = doc.lines[line - 1].strip()
        at = row.find(squashed_quote[:4]) if squashed_quote else -1
        return (row, at, at + len(squashed_quote)) if at != -1 else (row, 0, len(row))
    start, stream = doc.offset_of_line(line), doc.stream
    line_end = doc.offset_of_line(line + 1)
    found = re.compile(r"\s?".join(map(re.escape, squashed_quote))).search(stream, start) if squashed_quote else None
    position, end_of_quote = (found.start(), found.end()) if found and found.start() <= line_end else (start, start)
    begin = max((stream.rfind(mark, 0, position) for mark in _SENTENCE_END), default=-1) + 1
    ends = [i for i in (stream.find(mark, end_of_quote) for mark in _SENTENCE_END) if i != -1]
    begin = max(begin, position - 300)
    end = min(min(ends) + 1 if ends else len(stream), end_of_quote + 300)
    return stream[begin:end], position - begin, end_of_quote - begin


def clause_of(doc: Document, line: int, quote: str) -> str:
    """The part of the quote's sentence that is about it: from the separator (、，：；) before the quote to
    the one after it. Lists (张庄村刘庄村城中村改造、匡山村城中村改造) name one thing per clause.

    >>> d = Document("x", "x", "utf-8", ["推进张庄村刘庄村城中村改造、匡山村城中", "村改造。"])
    >>> clause_of(d, 1, "张庄村刘庄村城中村改造")
    '推进张庄村刘庄村城中村改造'
    """
    sentence, start, end = sentence_of(doc, line, quote)
    marks = "、，,：:；;。（）()\t"
    begin = max((sentence.rfind(m, 0, start) for m in marks), default=-1) + 1
    ends = [i for i in (sentence.find(m, start + 1) for m in marks) if i != -1]
    return sentence[begin:min(ends) if ends else len(sentence)]


@lru_cache(maxsize=8)
def _document(doc_id: str) -> Document | None:
    seed = paths.seed_path(doc_id)
    return read_document(seed, doc_id) if seed else None


def candidates(with_sentences: bool = True) -> list[dict]:
    """Every (entity, community) pair whose name or core appears in the entity's name or sentence.

    Columns: entity_id, family, entity_name, district_code, community_code, community, street_code, street,
    matched_text, where (name | sentence), context (the clause or the name).
    """
    communities = read_table("communities")
    streets = {row["street_code"]: row["name"] for row in read_table("street_offices")}
    # A term that is also the name of a 街道 or district (泺口, 堤口路, 天桥 …) names that, not the 社区/村.
    stop = {re.sub(r"(街道|区)$", "", row["name"]) for row in read_table("street_offices")} | {"天桥", "市中", "槐荫"}
    terms = [(term, row) for row in communities for term in community_terms(row["short_name"]) if term not in stop]
    found: list[dict] = []
    for table in FAMILIES:
        for entity in read_table(table):
            district = entity.get("district_code")
            texts = [("name", entity["name"])]
            if with_sentences:
                doc = _document(entity["doc_id"])
                if doc is not None:
                    texts.append(("sentence", clause_of(doc, entity["line"], entity["quote"])))
            seen: set[str] = set()
            for where, text in texts:
                for term, community in terms:
                    if community["community_code"] in seen:
                        continue
                    if district and community["district_code"] != district:
                        continue
                    index = text.find(term)
                    if index == -1:
                        continue
                    seen.add(community["community_code"])
                    found.append({
                        "entity_id": entity["entity_id"], "family": ENTITY_TABLES[table],
                        "entity_name": entity["name"], "district_code": district,
                        "community_code": community["community_code"], "community": community["short_name"],
                        "street_code": community["street_code"], "street": streets.get(community["street_code"]),
                        "matched_text": term, "where": where,
                        "context": text})
    return found


def undecided_candidates() -> list[dict]:
    """Candidates with no decision in ``community_matches.csv`` yet."""
    decided = {(row["entity_id"], row["community_code"]) for row in read_table("community_matches")}
    return [row for row in candidates() if (row["entity_id"], row["community_code"]) not in decided]
