"""spaCy over the sentences that need it, with the gazetteer's mentions preset."""

from __future__ import annotations

from corridor.evidence.extract.entities import default_gazetteer, find_people
from corridor.evidence.extract.nlp import analyse, load_spacy, name_sentences
from corridor.evidence.extract.sentences import split_sentences

TEXT = (
    "Belavia flew to Istanbul on Monday. "
    "Olga Marchenko has watched the terminal fill up every evening since October. "
    "EU ministers met in Brussels. "
    "Fly Baghdad halted its flights to Minsk."
)


def test_model_is_loaded_once_without_the_unused_components() -> None:
    nlp = load_spacy()
    assert nlp is load_spacy()
    assert nlp.pipe_names == ["tok2vec", "parser", "ner"]


def test_only_sentences_with_unexplained_names_go_to_ner() -> None:
    sentences = split_sentences(TEXT)
    taken = default_gazetteer().find(TEXT)
    assert name_sentences(TEXT, sentences, taken) == [1]


def test_ner_finds_a_person_the_rules_miss_and_parses_what_is_asked() -> None:
    sentences = split_sentences(TEXT)
    taken = default_gazetteer().find(TEXT)
    assert find_people(TEXT, taken) == []  # no role, no speech verb
    analysis = analyse(TEXT, sentences, taken, parse=[3])
    assert [(p.text, p.source) for p in analysis.people] == [("Olga Marchenko", "spacy")]
    assert sorted(analysis.parses) == [3]
    parse = analysis.parses[3]
    assert TEXT[parse.sentence.start : parse.sentence.end] == sentences[3].text
    verb = parse.token_at(TEXT.index("halted"))
    assert verb.text == "halted"
    assert [c.dep_ for c in verb.children if c.dep_ == "nsubj"] == ["nsubj"]


def test_preset_gazetteer_names_are_never_people() -> None:
    text = "Cham Wings Airlines and Hotel Planeta were named alongside Tsentrkurort."
    sentences = split_sentences(text)
    taken = default_gazetteer().find(text)
    people = analyse(text, sentences, taken).people
    covered = {(m.start, m.end) for m in taken}
    assert all((p.start, p.end) not in covered for p in people)
    assert all(not any(m.start < p.end and p.start < m.end for m in taken) for p in people)


def test_capitalised_runs_that_cannot_be_names_are_not_sent_to_ner() -> None:
    text = (
        "Central Asian ministers met Foreign Affairs officials. Director General Ana Lopes spoke."
    )
    sentences = split_sentences(text)
    assert name_sentences(text, sentences, default_gazetteer().find(text)) == [1]
