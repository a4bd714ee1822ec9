"""Near-duplicate detection on synthetic copies: light edits, boilerplate changes, 15% edits, truncation;
different stories on the same topic (shared vocabulary and boilerplate) must never be merged."""

from __future__ import annotations

import random

from flashpoint.duplicates import DuplicateIndex, find_duplicates, jaccard, shingles

PLACES = ["Torkham", "Chaman", "Kurram", "Bajaur", "Khost", "Paktika", "Kunar", "Quetta", "Peshawar", "Bannu"]
ACTS = ["shelled", "raided", "struck", "attacked", "blockaded", "surrounded"]
TARGETS = ["a border post", "a police checkpoint", "a fuel depot", "a market", "a convoy", "an army camp"]
WORDS = (
    "officials residents said the spokesman added security forces local sources confirmed on "
    "condition of anonymity tensions rose after talks failed trade was suspended traders waited "
    "families fled hospitals received wounded the ministry promised an inquiry"
).split()
BOILERPLATE = ["Share this article", "Follow us for breaking news", "Subscribe to our newsletter"]


def story(rng: random.Random, n: int) -> str:
    place, act, target = rng.choice(PLACES), rng.choice(ACTS), rng.choice(TARGETS)
    head = f"Gunmen {act} {target} near {place} on day {n}, killing {rng.randint(2, 40)} people."
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(90, 160)))
    return head + " " + body


def edit(rng: random.Random, text: str, share: float) -> str:
    words = text.split()
    for i in rng.sample(range(len(words)), int(share * len(words))):
        words[i] = rng.choice([*WORDS, "reportedly", "meanwhile", "however"])
    return " ".join(words)


def test_copies_found_with_high_recall_and_no_false_merges() -> None:
    rng = random.Random(3)
    originals = [(f"s{i}", story(rng, i)) for i in range(120)]
    copies = []
    for i, (sid, text) in enumerate(originals[:80]):
        kind = i % 4
        if kind == 0:
            copy = text + " " + rng.choice(BOILERPLATE)
        elif kind == 1:
            copy = edit(rng, text, 0.05)
        elif kind == 2:
            copy = edit(rng, text, 0.15)
        else:
            copy = " ".join(text.split()[: int(len(text.split()) * 0.7)])
        copies.append((f"c{i}", sid, copy))
    stream = originals + [(cid, text) for cid, _, text in copies]
    links = {link.article_id: link.duplicate_of for link in find_duplicates(stream)}
    truth = {cid: sid for cid, sid, _ in copies}
    recall = sum(links.get(cid) == sid for cid, sid in truth.items()) / len(truth)
    false_merges = [a for a, b in links.items() if truth.get(a) != b]
    assert recall >= 0.95
    assert false_merges == []


def test_same_article_twice_is_linked_to_the_first() -> None:
    index = DuplicateIndex()
    text = story(random.Random(1), 1)
    assert index.add("a", text) is None
    link = index.add("b", text)
    assert link is not None and link.duplicate_of == "a" and link.similarity == 1.0
    assert index.add("a", text) is None  # re-adding is a no-op


def test_chains_point_at_the_earliest_article() -> None:
    rng = random.Random(2)
    text = story(rng, 7)
    links = find_duplicates([("a", text), ("b", text + " Share this article"), ("c", text + " Print")])
    assert {link.article_id: link.duplicate_of for link in links} == {"b": "a", "c": "a"}


def test_short_texts_are_never_linked() -> None:
    assert find_duplicates([("a", "Talks failed."), ("b", "Talks failed.")]) == []


def test_shingles_and_jaccard() -> None:
    a, b = shingles("one two three four"), shingles("one two three five")
    assert len(a) == 2 and 0 < jaccard(a, b) < 1
