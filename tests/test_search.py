"""The search mechanism (ideas.search.api): full-text search and similar proposals.

Runs on SQLite (FTS5) and, with DATABASE_URL pointing to one, on PostgreSQL (tsvector + GIN).
All texts are written here; no shared data.
"""

import itertools

import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from django.utils import timezone

from ideas.accounts.models import User
from ideas.proposals.models import Category, Proposal, Region
from ideas.search import api, tokenizer
from ideas.search.models import SearchIndex, SearchTerm

_numbers = itertools.count(1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return User.objects.create_user(email=f"search-author-{next(_numbers)}@example.org", display_name="Author")


@pytest.fixture
def category():
    return Category.objects.create(slug=f"search-{next(_numbers)}", name_en="Search", name_ko="검색")


@pytest.fixture
def other_category():
    return Category.objects.create(slug=f"search-{next(_numbers)}", name_en="Other", name_ko="기타")


@pytest.fixture
def region():
    return Region.objects.create(slug=f"search-{next(_numbers)}", name_en="Somewhere", name_ko="어딘가")


@pytest.fixture
def make(author, category, region):
    def make(title, problem, solution="", *, status=Proposal.Status.SUBMITTED, index=True, **fields):
        fields.setdefault("category", category)
        proposal = Proposal.objects.create(
            title=title,
            problem=problem,
            solution=solution,
            expected_benefit="",
            affected_people="",
            region=region,
            author=author,
            status=status,
            submitted_at=None if status == Proposal.Status.DRAFT else timezone.now(),
            **fields,
        )
        if index:
            api.index_proposal(proposal)
        return proposal

    return make


def found(query, queryset=None):
    queryset = Proposal.objects.all() if queryset is None else queryset
    return set(api.search_proposals(queryset, query).values_list("pk", flat=True))


@pytest.fixture
def corpus(make):
    """A few proposals in Korean and English."""
    return {
        "mask": make(
            "공적마스크를 약국에서 중복 구매하지 못하게 해 주세요",
            "공적마스크를 여러 약국에서 사는 사람이 있어 정작 필요한 분들이 못 삽니다.",
            "의약품 안심 서비스에 구매 기록을 남겨 중복 구매를 막아 주세요.",
        ),
        "drive": make(
            "자동차 이동형 선별진료소를 만들어 주세요",
            "선별진료소에서 기다리는 동안 감염될까 걱정됩니다.",
            "차에 탄 채로 검체를 채취하면 10분이면 끝납니다.",
        ),
        "clinic": make(
            "Open a drive-through testing clinic",
            "People wait for hours indoors before being tested, which spreads the virus.",
            "Test people in their cars; it takes ten minutes per person.",
        ),
        "vaccination": make(
            "Vaccination appointments for older people",
            "Many older residents cannot book vaccinations online.",
            "Let them book by phone at the local health centre.",
        ),
    }


# --- Tokenizer ------------------------------------------------------------------------------


def test_tokenizer_korean_bigrams_and_english_stems():
    tokens = tokenizer.index_tokens("공적마스크를 Vaccinations!")
    assert tokens[:6] == ["공적", "적마", "마스", "스크", "크를", "를"]
    assert "vaccin" in tokens and "vaccinations" in tokens
    assert tokenizer.index_tokens("ＡＢＣ") == ["abc"]  # NFKC: full-width letters


def test_query_groups_ignore_syntax():
    assert tokenizer.query_groups('"NEAR" * : & | ! ( )') == [(("near", True),)]
    assert tokenizer.query_groups("  ?!  ") == []
    assert tokenizer.query_groups("마스크") == [(("마스", False),), (("스크", False),)]


# --- Search ---------------------------------------------------------------------------------


def test_korean_partial_words(corpus):
    assert found("마스크") == {corpus["mask"].pk}
    assert found("마스") == {corpus["mask"].pk}
    assert found("공적마스크") == {corpus["mask"].pk}
    assert found("마스크 약국") == {corpus["mask"].pk}
    assert found("선별진료소") == {corpus["drive"].pk}
    assert found("진료") == {corpus["drive"].pk}
    # One character: any word containing it.
    assert found("검") == {corpus["drive"].pk}  # 검체
    assert found("마스크 선별진료소") == set()  # every word must match


def test_english_stems_and_prefixes(corpus):
    clinic, vaccination = corpus["clinic"].pk, corpus["vaccination"].pk
    assert found("clinics") == {clinic}  # same stem as "clinic"
    assert found("CLINIC") == {clinic}
    assert found("vaccin") == {vaccination}  # stem of "vaccination(s)"
    assert found("vaccinat") == {vaccination}  # a word being typed: prefix
    assert found("vaccines") == {vaccination}  # stem "vaccin"
    assert found("tested cars") == {clinic}
    assert found("the clinic") == {clinic}  # stop words do not have to match
    assert found("clinic vaccination") == set()


def test_matches_title_problem_and_solution(corpus):
    assert found("약국") == {corpus["mask"].pk}  # title
    assert found("사람") == {corpus["mask"].pk}  # problem
    assert found("안심") == {corpus["mask"].pk}  # solution


def test_rank_prefers_title_matches(make):
    in_body = make("Longer opening hours", "The testing clinic closes too early.")
    in_title = make("Testing clinic downtown", "It is too far away for many people.")
    results = list(api.search_proposals(Proposal.objects.all(), "clinic").order_by(f"-{api.RANK_ANNOTATION}", "-pk"))
    assert results == [in_title, in_body]
    assert all(isinstance(getattr(p, api.RANK_ANNOTATION), float) for p in results)


def test_composes_with_filters_ordering_and_pagination(make, other_category, django_assert_max_num_queries):
    matching = [make(f"마스크 제안 {n}", "공적마스크 배분") for n in range(5)]
    other = make("마스크 다른 분야", "공적마스크", category=other_category)
    make("관계없는 제안", "전혀 다른 내용입니다")
    draft = make("마스크 초안", "공적마스크", status=Proposal.Status.DRAFT)

    queryset = api.search_proposals(Proposal.objects.public(), "마스크").filter(category=matching[0].category)
    queryset = queryset.order_by(f"-{api.RANK_ANNOTATION}", "-pk")
    with django_assert_max_num_queries(2):  # count + page, whatever the page size
        page = Paginator(queryset, 2).page(2)
        rows = list(page.object_list)
    assert page.paginator.count == 5
    assert len(rows) == 2
    assert {p.pk for p in queryset} == {p.pk for p in matching}
    assert other.pk not in {p.pk for p in queryset} and draft.pk not in {p.pk for p in queryset}
    # Filtering before searching works the same.
    assert found("마스크", Proposal.objects.filter(category=other_category)) == {other.pk}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "'",
        "*",
        "마스크*",
        "NEAR(a b)",
        "a NEAR b",
        "clinic AND",
        "OR",
        "NOT clinic",
        "title_tokens: clinic",
        "{title_tokens body_tokens}: x",
        "^clinic",
        "clinic:*",
        "a & b | !c",
        "!!!",
        "'a':* & !'b'",
        "(((",
        ")",
        "\\",
        "%",
        "_",
        "%s %(x)s",
        "\x00clinic",
        "\ud800",
        "🙂 😷",
        "Robert'); DROP TABLE search_index;--",
        "clinic " * 500,
        "마" * 5000,
        "x" * 100_000,
        "ab12 12ab 1e5 1.5 3-4",
        "ǅ ß İ ﬁ",
        "𠀀𪜀 𫝀",  # CJK extensions B, C, D
        "\u0301\u0301",
    ],
)
def test_hostile_queries_never_raise(corpus, query):
    queryset = api.search_proposals(Proposal.objects.public(), query)
    list(queryset.order_by(f"-{api.RANK_ANNOTATION}")[:20])
    queryset.count()


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "?!.,;:-", "“ ” … ·", None])
def test_empty_queries_leave_the_rows_unchanged(corpus, query):
    queryset = Proposal.objects.public()
    result = api.search_proposals(queryset, query)
    assert set(result.values_list("pk", flat=True)) == set(queryset.values_list("pk", flat=True))
    list(result.order_by(f"-{api.RANK_ANNOTATION}"))  # ordering by the rank still works
    assert not api.is_search_query(query)


def test_reindex_after_edit(corpus):
    proposal = corpus["clinic"]
    proposal.title = "Mobile testing buses"
    proposal.problem = "Rural villages are far from any testing site."
    proposal.solution = "Send buses with a nurse."
    proposal.save()
    api.index_proposal(proposal)
    assert found("buses") == {proposal.pk}
    assert found("villages") == {proposal.pk}
    assert found("drive") == set()
    # Document frequencies follow the edit.
    bus = tokenizer.stem("buses")
    terms = dict(SearchTerm.objects.filter(term__in=[bus, "drive", ""]).values_list("term", "df"))
    assert terms[bus] == 1
    assert "drive" not in terms
    assert terms[""] == len(corpus)


def test_reindex_without_changes_writes_nothing(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        api.index_proposal(corpus["mask"])


def test_index_rows_for_all_statuses_and_remove(make):
    draft = make("Draft about ventilators", "Not yet submitted.", status=Proposal.Status.DRAFT)
    assert SearchIndex.objects.filter(pk=draft.pk).exists()
    assert found("ventilators") == {draft.pk}
    assert found("ventilators", Proposal.objects.public()) == set()
    api.remove_proposal(draft.pk)
    api.remove_proposal(draft.pk)  # twice is fine
    assert found("ventilators") == set()
    assert not SearchTerm.objects.filter(term="ventil").exists()
    assert not SearchTerm.objects.filter(term="", df__gt=0).exists()


def test_deleting_a_proposal_drops_its_index_row(corpus):
    pk = corpus["drive"].pk
    corpus["drive"].delete()
    assert not SearchIndex.objects.filter(pk=pk).exists()
    assert found("선별진료소") == set()


def test_rebuild_index_and_command(corpus, make, capsys):
    unindexed = make("Free masks at the station", "Commuters have none.", index=False)
    assert found("masks") == set()
    call_command("rebuild_search_index")
    assert "Indexed" in capsys.readouterr().out
    assert found("masks") == {unindexed.pk}
    assert found("마스크") == {corpus["mask"].pk}
    assert SearchTerm.objects.get(term="").df == len(corpus) + 1
    assert SearchTerm.objects.get(term="마스").df == 1
    assert api.rebuild_index() == len(corpus) + 1


# --- Similar proposals ----------------------------------------------------------------------

MASK_TITLE = "공적마스크 중복 구매를 막아 주세요"
MASK_TEXT = (
    "약국마다 공적마스크를 판매하지만 한 사람이 여러 약국을 돌며 중복으로 구매하는 일이 많습니다. "
    "그 결과 정말 필요한 노인과 어린이가 있는 가정은 마스크를 구하지 못하고 있습니다. "
    "의약품 안심 서비스에 구매 이력을 기록하면 약사가 중복 구매를 확인할 수 있습니다."
)


@pytest.fixture
def similar_corpus(make):
    others = [
        make("자동차 이동형 선별진료소", "차에 탄 채로 검사를 받으면 감염 위험이 줄어듭니다. 대기 시간도 짧습니다."),
        make("마스크 가격 안정", "마스크 가격이 너무 올라 서민이 부담을 느낍니다. 가격 상한을 정해 주세요."),
        make("학교 개학 연기", "아이들의 안전을 위해 개학을 연기해 주세요. 감염이 걱정됩니다."),
        make("Drive-through testing", "Test people in their cars to cut waiting time and exposure."),
        make("Mask prices", "Masks cost too much in pharmacies; cap the price of masks."),
    ]
    original = make(MASK_TITLE, MASK_TEXT)
    return original, others


def test_similar_finds_identical_text_first(similar_corpus):
    original, _others = similar_corpus
    results = api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT)
    assert results[0] == original
    assert len(results) <= 5


def test_similar_finds_a_reworded_duplicate(similar_corpus, make):
    original, _others = similar_corpus
    results = api.similar_proposals(
        title="마스크 중복구매 방지",
        text="한 사람이 여러 약국에서 공적마스크를 중복 구매합니다. 구매 이력을 기록해 막아 주세요.",
    )
    assert results[0] == original


def test_similar_english(similar_corpus):
    _original, others = similar_corpus
    results = api.similar_proposals(title="Drive-through test centres", text="People could be tested in their car.")
    assert results[0] == others[3]


def test_similar_excludes_ids_and_non_public(similar_corpus, make):
    original, _others = similar_corpus
    draft = make(MASK_TITLE, MASK_TEXT, status=Proposal.Status.DRAFT)
    hidden = make(MASK_TITLE, MASK_TEXT)
    hidden.hidden_at = timezone.now()
    hidden.save()
    copy = make(MASK_TITLE, MASK_TEXT)

    results = api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT, exclude_ids=[original.pk])
    assert results[0] == copy
    assert original not in results and draft not in results and hidden not in results

    everything = api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT, queryset=Proposal.objects.all(), limit=10)
    assert {original, draft, hidden, copy} <= set(everything)


def test_similar_respects_limit_and_custom_queryset(similar_corpus):
    original, others = similar_corpus
    assert api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT, limit=1) == [original]
    assert api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT, limit=0) == []
    only = Proposal.objects.filter(pk=others[1].pk)
    assert api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT, queryset=only) == [others[1]]


def test_similar_sees_edits(similar_corpus):
    original, _others = similar_corpus
    original.title = "지하철 냉방 강화"
    original.problem = "여름철 지하철 객차가 너무 덥습니다. 냉방을 강화해 주세요."
    original.save()
    api.index_proposal(original)
    assert original not in api.similar_proposals(title=MASK_TITLE, text=MASK_TEXT, limit=2)
    assert api.similar_proposals(title="지하철 냉방", text="지하철이 더워요")[0] == original


@pytest.mark.parametrize("title, text", [("", ""), ("?!", "..."), ("🙂", "\x00"), ('"NEAR"', "*" * 1000)])
def test_similar_with_nothing_to_compare(similar_corpus, title, text):
    assert api.similar_proposals(title=title, text=text) == []


def test_similar_on_an_empty_index():
    assert api.similar_proposals(title="마스크", text="공적마스크") == []


def test_similar_hostile_and_long_input(similar_corpus):
    text = ("공적마스크 NEAR( \"'*:&|! " * 2000) + "x" * 50_000
    results = api.similar_proposals(title="마스크 ' \" * :", text=text)
    assert similar_corpus[0] in results


def test_query_counts_do_not_grow(make, django_assert_max_num_queries):
    for n in range(30):
        make(f"마스크 제안 {n} masks", f"공적마스크 배분 방법 {n}번째 제안입니다. pharmacy masks")
    with django_assert_max_num_queries(4):
        results = api.similar_proposals(title="마스크 제안", text="공적마스크 배분 방법 pharmacy", limit=10)
    assert len(results) == 10
    with django_assert_max_num_queries(1):
        rows = list(api.search_proposals(Proposal.objects.public(), "마스크 masks").order_by("-search_rank")[:20])
    assert len(rows) == 20
    proposal = Proposal.objects.first()
    proposal.problem = "완전히 새로운 내용 entirely new words"
    with django_assert_max_num_queries(4):  # read the old row, write it, two for the frequencies
        api.index_proposal(proposal)


# --- Minimum similarity ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, near, unrelated",
    [
        (
            (
                "Drive-through COVID-19 screening clinics",
                "People wait for hours in crowded clinics and infect each other.",
            ),
            (
                "Walk-through screening booths",
                "Crowded clinics make people wait for hours. Booths would test them without infecting each other.",
            ),
            (
                "Sign-language interpreting in every government briefing",
                "Deaf people cannot follow the COVID-19 briefings without an interpreter on screen.",
            ),
        ),
        (
            ("자동차 이동형 코로나 선별진료소", "선별진료소 대기실에서 몇 시간씩 기다리다 서로 감염됩니다."),
            (
                "도보 이동형 선별 부스 설치",
                "선별진료소에서 오래 기다리며 감염될 위험이 큽니다. 부스에서 빨리 검사해 주세요.",
            ),
            ("정부 브리핑에 수어 통역 배치", "청각장애인은 코로나 브리핑을 수어 통역 없이 이해할 수 없습니다."),
        ),
    ],
    ids=["en", "ko"],
)
def test_similar_leaves_out_unrelated_proposals(make, query, near, unrelated):
    near_duplicate, other = make(*near), make(*unrelated)
    # Both are candidates from the index (they share rare words with the query), so without the
    # minimum similarity both would be offered.
    candidates = api._scored_candidates(title=query[0], text=query[1], queryset=Proposal.objects.public())
    assert {row.pk for row in candidates} == {near_duplicate.pk, other.pk}
    assert api.similar_proposals(title=query[0], text=query[1]) == [near_duplicate]


def test_a_proposal_page_shows_its_similar_proposals_fresh(client, similar_corpus, make):
    """The page keeps which proposals are similar for a while, but never shows one hidden since,
    and shows current support counts."""
    original, _others = similar_corpus
    copy = make(MASK_TITLE, MASK_TEXT)
    assert copy in client.get(original.get_absolute_url()).context["similar"]

    copy.support_count = 42
    copy.save(update_fields=["support_count"])
    assert "42 supports" in client.get(original.get_absolute_url()).text

    copy.hidden_at = timezone.now()
    copy.save(update_fields=["hidden_at"])
    assert copy not in client.get(original.get_absolute_url()).context["similar"]


def test_a_proposal_page_finds_similar_proposals_again_after_an_edit(client, similar_corpus, make):
    original, _others = similar_corpus
    copy = make(MASK_TITLE, MASK_TEXT)
    assert copy in client.get(original.get_absolute_url()).context["similar"]
    original.title = "지하철 냉방 강화"
    original.problem = "여름철 지하철 객차가 너무 덥습니다. 냉방을 강화해 주세요."
    original.updated_at = timezone.now()
    original.save()
    api.index_proposal(original)
    assert copy not in client.get(original.get_absolute_url()).context["similar"]
