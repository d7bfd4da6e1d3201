"""The data model of a ВАКР disclosure: one definition that validates the YAML files and
generates their published JSON Schema, so the editor's hints and the build agree."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

LANGUAGES = ("ru", "kk")
DEFAULT_LANGUAGE = "ru"

_DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4})$"


def _parse_date(value: object) -> object:
    """Accept the officers' `01.07.2026` as well as ISO `2026-07-01`, reject impossible dates."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.match(_DATE_PATTERN, value.strip()):
        raise ValueError("ожидалась дата в виде ДД.ММ.ГГГГ (например, 01.07.2026) или ГГГГ-ММ-ДД")
    text = value.strip()
    fmt = "%Y-%m-%d" if "-" in text else "%d.%m.%Y"
    try:
        return dt.datetime.strptime(text, fmt).date()
    except ValueError:
        raise ValueError(f"такой даты не существует: «{text}»") from None


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "pattern": _DATE_PATTERN, "examples": ["01.07.2026"]}),
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, Field(min_length=1)]


def _empty_allowed(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """In the published JSON Schema, an optional field may be left empty too (see Strict)."""
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name not in required:
            about = {key: prop.pop(key) for key in ("description", "title", "default") if key in prop}
            schema["properties"][name] = {"anyOf": [prop, {"type": "null"}], **about}


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not silently vanish from the site.
    An optional field with nothing after its colon (`plan:`, `phone:`) is the same as an
    absent one: a data file can show all its sections, in a fixed order, before it has
    entries, and an entry is added by writing under its section."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=_empty_allowed)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {key: value for key, value in data.items()
                if value is not None or key not in fields or fields[key].is_required()}


# --- text -------------------------------------------------------------------------------


class Paragraph(Strict):
    p: NonEmpty = Field(description="Абзац текста")


class BulletList(Strict):
    ul: list[NonEmpty] = Field(min_length=1, description="Пункты списка, дословно")


Block = Union[Paragraph, BulletList]
RichText = Union[NonEmpty, list[Block]]


class Text(Strict):
    """A text cell in both languages; Russian is required, Kazakh may still be missing."""

    ru: NonEmpty = Field(description="Текст на русском языке (обязателен)")
    kk: NonEmpty | None = Field(default=None, description="Текст на казахском языке")


class Rich(Strict):
    """A text cell that may hold paragraphs and lists, in both languages."""

    ru: RichText = Field(description="Текст на русском языке: строка или абзацы/списки")
    kk: RichText | None = Field(default=None, description="Текст на казахском языке")


class Responsible(Text):
    """Who is responsible, as approved, plus the organizations the wording names."""

    organizations: list[Slug] = Field(
        default_factory=list, description="Организации из data/organizations.yml, названные в тексте",
        examples=[["spk-hr", "almaty-finance"]],
    )


# --- deadlines --------------------------------------------------------------------------


class _Deadline(Strict):
    source: Text | None = Field(default=None, description="Срок дословно, как в документе")

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day the deadline names; None where it names no day."""
        return None

    @property
    def dates(self) -> dict[str, dt.date]:
        """The days the deadline names, by their field: what the page and the CSV show."""
        return {}


class DateDeadline(_Deadline):
    kind: Literal["date"] = Field(description="date — к дате")
    date: Date = Field(description="Дата срока")

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        return self.date, self.date

    @property
    def dates(self) -> dict[str, dt.date]:
        return {"date": self.date}


class RangeDeadline(_Deadline):
    kind: Literal["range"] = Field(description="range — период")
    start: Date = Field(description="Первый день периода")
    end: Date = Field(description="Последний день периода")

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        return self.start, self.end

    @property
    def dates(self) -> dict[str, dt.date]:
        return {"start": self.start, "end": self.end}

    @model_validator(mode="after")
    def _ordered(self) -> RangeDeadline:
        if self.end < self.start:
            raise ValueError("конец периода (end) раньше его начала (start)")
        return self


class PermanentDeadline(_Deadline):
    kind: Literal["permanent"] = Field(description="permanent — постоянно, начиная с даты start")
    start: Date = Field(description="С какого дня исполняется постоянно")

    @property
    def dates(self) -> dict[str, dt.date]:
        return {"start": self.start}


class DailyDeadline(_Deadline):
    kind: Literal["daily"] = Field(description="daily — ежедневно")


class ImmediateDeadline(_Deadline):
    kind: Literal["immediately"] = Field(description="immediately — незамедлительно")


class NoDeadline(_Deadline):
    kind: Literal["none"] = Field(description="none — срок не установлен («-»)")


Deadline = Annotated[
    Union[DateDeadline, RangeDeadline, PermanentDeadline, DailyDeadline, ImmediateDeadline, NoDeadline],
    Field(discriminator="kind"),
]


# --- documents --------------------------------------------------------------------------


class ApprovalText(Strict):
    heading: NonEmpty = Field(description="«УТВЕРЖДАЮ» / «БЕКІТЕМІН»", examples=["УТВЕРЖДАЮ"])
    lines: list[NonEmpty] = Field(min_length=1, description="Должность, организация, ФИО — строками, как в документе",
                             examples=[["Председатель Правления", "АО «СПК «Алматы»"]])
    date: NonEmpty = Field(description="Дата утверждения, как в документе", examples=["«13» 05 2026г."])


class Approval(Strict):
    date: Date = Field(description="Дата утверждения")
    ru: ApprovalText = Field(description="Гриф утверждения на русском языке")
    kk: ApprovalText | None = Field(default=None, description="Гриф утверждения на казахском языке")


class KkApproval(Strict):
    """The approval of a Kazakh edition made after the Russian one (the plan 2026 has none
    yet): until it is recorded, the document's Kazakh texts are a draft, never the Company's."""

    date: Date = Field(description="Дата утверждения казахской редакции")
    kk: ApprovalText = Field(description="Гриф казахской редакции: «БЕКІТЕМІН», должность и ФИО, дата — как в документе")


class KkEdition(Strict):
    """A document whose Kazakh texts (written by hand or by the translation import) become the
    Company's only once `kk_approved` records who approved them and when."""

    kk_approved: KkApproval | None = Field(
        default=None, description="Утверждение казахской редакции (если она утверждена позже русской): "
        "до него казахские тексты документа — черновик, видны только в make serve")

    @property
    def kk_approved_on(self) -> dt.date | None:
        """When the Kazakh edition was approved; None while its Kazakh texts are a draft."""
        return self.kk_approved.date if self.kk_approved is not None else None

    @property
    def kk_signatory(self) -> ApprovalText | None:
        """The Kazakh approval block, as the document carries it: who approved and when."""
        return self.kk_approved.kk if self.kk_approved is not None else None


class Columns(Strict):
    """The column headings as printed in the approved document, per language."""

    ru: list[NonEmpty] | None = Field(default=None, description="Заголовки столбцов на русском языке")
    kk: list[NonEmpty] | None = Field(default=None, description="Заголовки столбцов на казахском языке")


class ScheduleRow(Strict):
    work: Rich = Field(description="Виды работ")
    deadline: Deadline = Field(description="Срок исполнения: вид (kind) и даты; формулировка документа — в source")
    responsible: Responsible = Field(description="Ответственные, как в документе")


class ScheduleItem(Strict):
    number: int = Field(ge=1, description="Номер пункта плана-графика")
    rows: list[ScheduleRow] = Field(min_length=1, description="Строки пункта (обычно одна)")

    def is_translated(self, lang: str) -> bool:
        return all(getattr(text, lang) is not None for row in self.rows for text in (row.work, row.responsible))


class ScheduleSection(Strict):
    title: Text = Field(description="Заголовок раздела")
    items: list[ScheduleItem] = Field(min_length=1, description="Пункты раздела")


class Document(KkEdition):
    """What every approved document has: the approval block, the title, the column headings."""

    approval: Approval = Field(description="Гриф утверждения: дата, должность, ФИО")
    title: Text = Field(description="Название документа")
    columns: Columns = Field(default=Columns(), description="Заголовки столбцов таблицы, как в документе")

    @property
    def kk_approved_on(self) -> dt.date | None:
        """When the Kazakh edition became the Company's: with the Russian one when the approved
        document carries «БЕКІТЕМІН» itself, else on `kk_approved`; None while it is a draft."""
        if self.kk_approved is not None:
            return self.kk_approved.date
        return self.approval.date if self.approval.kk is not None else None

    @property
    def kk_signatory(self) -> ApprovalText | None:
        return self.kk_approved.kk if self.kk_approved is not None else self.approval.kk


class Schedule(Document):
    sections: list[ScheduleSection] = Field(min_length=1, description="Разделы плана-графика")

    def items(self) -> list[ScheduleItem]:
        return [item for section in self.sections for item in section.items]


class PlanItem(Strict):
    number: int = Field(ge=1, description="Номер пункта плана мероприятий")
    recommendation: Rich = Field(description="Рекомендация по итогам ВАКР")
    measure: Rich = Field(description="Мероприятие")
    completion_form: Text | None = Field(default=None, description="Форма завершения (пусто, если не указана)")
    executor: Responsible = Field(description="Ответственный исполнитель, соисполнители")
    deadline: Deadline = Field(description="Срок исполнения: вид (kind) и даты; формулировка документа — в source")

    def is_translated(self, lang: str) -> bool:
        """Every text of the item exists in `lang` (the deadline wording is not required)."""
        texts = (self.recommendation, self.measure, self.completion_form, self.executor)
        return all(text is None or getattr(text, lang) is not None for text in texts)


class Plan(Document):
    items: list[PlanItem] = Field(min_length=1, description="Пункты плана мероприятий")
    control: Text = Field(description="Заключительная строка о контроле исполнения")


class Period(Strict):
    start: Date = Field(description="Первый день ВАКР")
    end: Date = Field(description="Последний день ВАКР")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("конец периода (end) раньше его начала (start)")
        return self


class CycleInfo(Strict):
    period: Period = Field(description="Период проведения ВАКР")
    draft: bool = Field(default=False, description="true — цикл целиком черновик: виден только в make serve, не публикуется")
    monitored_months: int = Field(default=12, ge=0, description="Сколько месяцев после окончания периода цикл "
                                  "показывается на главной странице (и дольше, пока в плане есть незакрытые пункты)")


# --- reference data ---------------------------------------------------------------------


class Organization(Strict):
    id: Slug = Field(description="Постоянный id, на который ссылаются другие файлы",
                     examples=["almaty-finance"])
    kind: Literal["company", "subsidiary", "department"] = Field(
        description="company — Общество; subsidiary — ДЗО; department — подразделение"
    )
    parent: Slug | None = Field(default=None, description="id вышестоящей организации", examples=["spk"])
    name: Text = Field(description="Полное наименование")
    short_name: Text | None = Field(default=None, description="Краткое наименование, если оно есть в документах")

    @property
    def label(self) -> Text:
        """The short name if there is one, else the full name, in each language on its own: on
        Kazakh pages a Kazakh full name beats a short name entered only in Russian."""
        short = self.short_name
        if short is None or short.kk or not self.name.kk:
            return short or self.name
        return Text(ru=short.ru, kk=self.name.kk)

    def heading(self, lang: str) -> Text:
        """Its name to head a page in `lang`: the full name if given in `lang`, else the
        short name if that is, else the label in Russian."""
        return next((text for text in (self.name, self.short_name) if text is not None and getattr(text, lang)), self.label)


class Organizations(Strict):
    organizations: list[Organization] = Field(min_length=1, description="Общество, ДЗО и подразделения")


# --- cartogram of corruption risks ------------------------------------------------------

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", examples=["#fdae61"])]
RiskId = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", examples=["R01"])]
MAPS = ("npa", "organizational")


class Direction(Strict):
    """An area of activity in which risks are looked for (schedule item 4)."""

    id: Slug = Field(description="Постоянный id направления", examples=["personnel"])
    name: Text = Field(description="Наименование направления")
    map: Literal["npa", "organizational"] = Field(
        description="npa — карта рисков в НПА/ВНД; organizational — карта рисков организационно-управленческой деятельности"
    )


class Directions(Strict):
    directions: list[Direction] = Field(min_length=1, description="Направления выявления рисков")


class RiskLevel(Strict):
    id: Slug = Field(description="id уровня, на который ссылается grid", examples=["high"])
    name: Text = Field(description="Наименование уровня риска")
    color: Colour = Field(description="Цвет ячеек этого уровня, #rrggbb; текст всегда пишется рядом")


class RiskMatrix(Strict):
    """The scoring scale: which level each likelihood × impact pair gets. Data, not code, so
    the compliance service can adopt the methodology it follows. That the grid is square and
    names known levels is checked by the loader, which can point at the faulty row."""

    levels: list[RiskLevel] = Field(min_length=1, description="Уровни от низшего к высшему")
    grid: dict[int, list[Slug]] = Field(
        description="Для каждой вероятности (ключ 1…N) — уровни по влиянию от 1 до N, id из levels"
    )

    @property
    def scale(self) -> int:
        return len(self.grid)

    def level(self, likelihood: int, impact: int) -> RiskLevel:
        level_id = self.grid[likelihood][impact - 1]
        return next(level for level in self.levels if level.id == level_id)


class TextSource(Strict):
    """The approved document and item a text is quoted from, verbatim: the site holds their
    text, so the build checks the quote against it."""

    document: Literal["plan", "schedule"] = Field(description="plan — план мероприятий; schedule — план-график")
    item: int = Field(ge=1, description="Номер пункта документа")


class Risk(Strict):
    id: RiskId = Field(description="Постоянный идентификатор риска: сохраняется из года в год")
    organizations: list[Slug] = Field(min_length=1, description="Организации или подразделения, где выявлен риск",
                                      examples=[["almaty-finance"]])
    direction: Slug = Field(description="Направление из data/directions.yml", examples=["personnel"])
    description: Text | None = Field(
        default=None, description="Описание риска дословно из утверждённого документа, названного в source; "
                                  "без него показываются рекомендации плана, по которым выделен риск")
    source: TextSource | None = Field(default=None, description="Откуда взято описание: документ и пункт")
    plan_items: list[int] = Field(min_length=1, description="Номера пунктов плана мероприятий, направленных против риска")
    likelihood: int | None = Field(default=None, ge=1, description="Вероятность по шкале матрицы (не указывается, если оценки нет)")
    impact: int | None = Field(default=None, ge=1, description="Влияние по шкале матрицы (не указывается, если оценки нет)")

    @model_validator(mode="after")
    def _scored_together(self) -> Risk:
        if (self.likelihood is None) != (self.impact is None):
            raise ValueError("вероятность (likelihood) и влияние (impact) указываются вместе или не указываются вовсе")
        return self

    @model_validator(mode="after")
    def _described_with_source(self) -> Risk:
        if (self.description is None) != (self.source is None):
            raise ValueError("описание риска (description) приводится только вместе с его источником (source: "
                             "документ и пункт), а источник — только вместе с описанием")
        return self

    @property
    def scored(self) -> bool:
        return self.likelihood is not None


class Risks(Strict):
    updated: Date = Field(description="Дата последнего обновления картограммы")
    risks: list[Risk] = Field(min_length=1, description="Риски цикла")
# --- publications: announcements, public discussion, report, positions, contacts --------


class Original(Strict):
    """A signed original of a published document (PDF, DOCX or a scan) in one language: the
    page shows its text first and offers the file as the proof."""

    lang: Literal["ru", "kk"] = Field(description="Язык документа: ru или kk")
    file: NonEmpty = Field(description="Файл внутри docs/, например documents/2026/schedule-ru.pdf")
    date: Date = Field(description="Дата документа (утверждения, подписания)")


Originals = Annotated[list[Original], Field(description="Подписанные оригиналы: PDF, DOCX или скан, по языкам")]


class DocumentOriginals(Strict):
    """A document the site shows from other data files (the schedule, the plan, the
    cartogram): the schedule item whose result it is, and its signed originals."""

    schedule_item: int | None = Field(default=None, ge=1,
                                      description="Пункт плана-графика, результат которого — этот документ")
    originals: Originals = Field(default_factory=list)


class NewsAnnouncement(KkEdition):
    """Free-form news written by the compliance service."""

    kind: Literal["news"] = Field(description="news — новость службы")
    id: Slug = Field(description="Адрес объявления: латиница, цифры, дефисы (например, vstrecha-2026)",
                     examples=["vstrecha-2026"])
    date: Date = Field(description="Дата объявления")
    title: Text = Field(description="Заголовок новости")
    body: Rich = Field(description="Текст объявления: строка или абзацы/списки")
    originals: Originals = Field(default_factory=list)
    draft: bool = Field(default=False, description="true — черновик: виден только в make serve")


class ScheduleAnnouncement(Strict):
    """An announcement the schedule orders: its date, dates and who conducts are read from
    the schedule, so a changed date in the schedule changes the announcement."""

    kind: Literal["start", "discussion"] = Field(
        description="start — о начале ВАКР; discussion — о начале публичного обсуждения результатов")
    id: Slug = Field(description="Адрес объявления: латиница, цифры, дефисы")
    schedule_item: int = Field(ge=1, description="Пункт плана-графика, который предписывает объявление (его срок — дата объявления)")
    about_item: int = Field(ge=1, description="Пункт плана-графика, о котором объявляется (сроки, кто проводит)")
    originals: Originals = Field(default_factory=list)
    draft: bool = Field(default=False, description="true — черновик: виден только в make serve")


Announcement = Annotated[Union[NewsAnnouncement, ScheduleAnnouncement], Field(discriminator="kind")]


class SignedSource(Strict):
    """Which signed document a text the officers enter (the report's summary, the discussion's
    results) is quoted from: the build checks the quote against that document's text."""

    document: Literal["original", "plan", "schedule"] = Field(
        description="original — подписанный оригинал этого раздела (его originals: на языке текста, PDF с текстом "
                    "или DOCX); plan — план мероприятий; schedule — план-график")
    item: int | None = Field(default=None, ge=1, description="Номер пункта (только для plan и schedule)")

    @model_validator(mode="after")
    def _item_of_a_document(self) -> SignedSource:
        if (self.item is None) != (self.document == "original"):
            raise ValueError("номер пункта (item) указывается для plan и schedule и не указывается для original")
        return self


def _quoted_with_source(text: Rich | None, source: SignedSource | None, names: str) -> None:
    """A source names where a text comes from: without the text it names nothing."""
    if source is not None and text is None:
        raise ValueError(f"указан источник ({names}_source), но нет самого текста ({names})")


class PublicDiscussion(KkEdition):
    """The public discussion of the results; date and who conducts come from the schedule."""

    schedule_item: int = Field(ge=1, description="Пункт плана-графика о публичном обсуждении")
    format: Text | None = Field(default=None, description="Формат и место проведения, если они утверждены",
                                 examples=[{"ru": "Онлайн-встреча", "kk": "Онлайн кездесу"}])
    results: Rich | None = Field(default=None, description="Итоги обсуждения дословно из подписанного документа "
                                                         "(протокола), названного в results_source, когда они есть")
    results_source: SignedSource | None = Field(
        default=None, description="Откуда взяты итоги; без него страница говорит, что текст составлен службой, "
                                  "а не взят из подписанного документа")
    originals: Originals = Field(default_factory=list)
    draft: bool = Field(default=False, description="true — черновик: виден только в make serve")

    @model_validator(mode="after")
    def _sourced(self) -> PublicDiscussion:
        _quoted_with_source(self.results, self.results_source, "results")
        return self


class AnalyticalReport(KkEdition):
    """The analytical report (аналитическая справка) on the results of the ВАКР."""

    schedule_item: int = Field(ge=1, description="Пункт плана-графика о размещении справки")
    signed: Date | None = Field(default=None, description="Дата подписания справки")
    summary: Rich | None = Field(default=None, description="Краткое содержание: дословно из подписанной справки, "
                                                         "названной в summary_source")
    summary_source: SignedSource | None = Field(
        default=None, description="Откуда взято краткое содержание; без него страница говорит, что текст составлен "
                                  "службой, а не взят из подписанного документа")
    file: NonEmpty | None = Field(default=None, description="Подписанная справка: путь к PDF внутри docs/",
                                examples=["documents/2026/analytical-report.pdf"])
    originals: Originals = Field(default_factory=list)
    draft: bool = Field(default=False, description="true — черновик: виден только в make serve")

    @model_validator(mode="after")
    def _sourced(self) -> AnalyticalReport:
        _quoted_with_source(self.summary, self.summary_source, "summary")
        return self


class Position(Strict):
    organization: Slug = Field(description="Организация из data/organizations.yml", examples=["almaty-finance"])
    unit: Text | None = Field(default=None, description="Структурное подразделение",
                              examples=[{"ru": "Отдел кадров"}])
    title: Text = Field(description="Наименование должности", examples=[{"ru": "Начальник отдела"}])


class Positions(KkEdition):
    """The list of positions exposed to corruption risks; empty until approved."""

    schedule_item: int = Field(ge=1, description="Пункт плана-графика о перечне должностей")
    approved: Date | None = Field(default=None, description="Дата утверждения перечня")
    items: list[Position] = Field(default_factory=list, description="Должности, по организациям и подразделениям")
    originals: Originals = Field(default_factory=list)
    draft: bool = Field(default=False, description="true — черновик: виден только в make serve")


class Publications(Strict):
    """What the schedule says must be published (data/<год>/publications.yml)."""

    schedule: DocumentOriginals | None = Field(default=None, description="План-график: его пункт и подписанные оригиналы")
    plan: DocumentOriginals | None = Field(default=None, description="План мероприятий: его пункт и подписанные оригиналы")
    cartogram: DocumentOriginals | None = Field(default=None, description="Картограмма: подписанные оригиналы")
    announcements: list[Announcement] = Field(default_factory=list, description="Объявления (сначала из плана-графика)")
    discussion: PublicDiscussion | None = Field(default=None, description="Публичное обсуждение результатов")
    report: AnalyticalReport | None = Field(default=None, description="Аналитическая справка")
    positions: Positions | None = Field(default=None, description="Перечень должностей, подверженных коррупционным рискам")


class Contacts(KkEdition):
    """How to reach the anti-corruption compliance service (data/contacts.yml)."""

    service: Slug = Field(description="id службы в data/organizations.yml", examples=["compliance"])
    phone: NonEmpty | None = Field(default=None, description="Телефон", examples=["+7 727 000 00 00"])
    email: NonEmpty | None = Field(default=None, description="Адрес электронной почты",
                                   examples=["compliance@example.kz"])
    address: Text | None = Field(default=None, description="Почтовый адрес",
                                 examples=[{"ru": "г. Алматы, …", "kk": "Алматы қ., …"}])
    hours: Text | None = Field(default=None, description="Часы приёма",
                               examples=[{"ru": "пн–пт, 9:00–18:00", "kk": "дс–жм, 9:00–18:00"}])
# --- monitoring of execution (issue 4) --------------------------------------------------
# Kept in its own file per cycle (data/<year>/monitoring.yml), so re-importing the plan or
# the schedule from Word never touches what the officers recorded about their execution.

ReportStatus = Literal["not_started", "in_progress", "done", "not_done"]
REPORT_STATUSES: tuple[str, ...] = ("not_started", "in_progress", "done", "not_done")

# A site path (`2026/plan/`, `documents/prikaz-45.pdf`) or a web address; no other scheme
# (`javascript:` and the like can never become a link).
_EVIDENCE_URL = r"^(https?://[^\s\"'<>]+|[A-Za-z0-9_][A-Za-z0-9_\-./#]*)$"


class Evidence(Strict):
    """What proves a report or a done step: a published document (path or address) and/or
    the number of an order."""

    title: Text | None = Field(default=None, description="Название документа, как его показать читателю",
                              examples=[{"ru": "Приказ № 45"}])
    url: str | None = Field(default=None, pattern=_EVIDENCE_URL, examples=["https://example.kz/docs/prikaz-45.pdf"],
                            description="Путь на сайте (2026/plan/) или адрес https://…")
    order: NonEmpty | None = Field(default=None, description="Номер и дата приказа",
                                   examples=["№ 45-П от 20.06.2026"])

    @model_validator(mode="after")
    def _something(self) -> Evidence:
        if self.url is None and self.order is None:
            raise ValueError("укажите ссылку на документ (url) или номер приказа (order)")
        return self


class Report(Strict):
    """One report on the execution of a plan item: the latest one is the item's status."""

    date: Date = Field(description="Дата отчёта")
    status: ReportStatus = Field(description="not_started — не начато; in_progress — в работе; "
                                             "done — исполнено; not_done — не исполнено (нужна причина)")
    text: Text = Field(description="Кратко: что сделано",
                       examples=[{"ru": "Приказ утверждён", "kk": "Бұйрық бекітілді"}])
    reason: Text | None = Field(default=None, description="Причина неисполнения или задержки",
                               examples=[{"ru": "Реорганизация подразделения"}])
    evidence: list[Evidence] = Field(default_factory=list, description="Подтверждающие документы")
    organization: Slug | None = Field(default=None, description="Кто прислал отчёт: id из data/organizations.yml "
                                      "(импорт форм указывает его сам)")

    @model_validator(mode="after")
    def _reason_for_not_done(self) -> Report:
        if self.status == "not_done" and self.reason is None:
            raise ValueError("для статуса not_done (не исполнено) укажите причину в поле reason")
        return self


class StepDone(Strict):
    """The date a schedule step was actually done and what was published about it."""

    done: Date = Field(description="Дата фактического выполнения")
    links: list[Evidence] = Field(default_factory=list, description="Что опубликовано (объявление, справка)")


class Monitoring(Strict):
    as_of: Date | None = Field(default=None, description="Дата, на которую показано состояние исполнения")
    schedule: dict[int, StepDone] = Field(default_factory=dict,
                                          description="Выполненные пункты плана-графика по номерам")
    plan: dict[int, list[Report]] = Field(default_factory=dict,  # last: a report is added at the file's end
                                          description="Отчёты по номерам пунктов плана мероприятий")


# --- edition history (issue 15) ----------------------------------------------------------
# data/<year>/history.yml: the formal amendments (by order) and editorial notes; the changes
# themselves are read from the repository's git history of data/.

HistoryDocument = Literal["plan", "schedule", "risks", "announcements", "discussion", "report", "positions"]
_HISTORY_DOCUMENT = ("plan — план мероприятий; schedule — план-график; risks — перечень рисков; announcements — "
                     "объявления; discussion — публичное обсуждение; report — аналитическая справка; positions — "
                     "перечень должностей")
_HISTORY_ITEMS = ("номера пунктов, id рисков, id объявлений или номера должностей в перечне, в кавычках: \"17\"; "
                  "без пунктов — собственные поля документа (краткое содержание справки, дата утверждения перечня)")


class Amendment(Strict):
    """A formal change of an approved document by an order."""

    order: NonEmpty = Field(description="Номер приказа, например «№ 45-П»")
    date: Date = Field(description="Дата приказа")
    document: HistoryDocument = Field(description=_HISTORY_DOCUMENT)
    items: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="Изменённые пункты: " + _HISTORY_ITEMS)
    changed: Text = Field(description="Что изменено, словами приказа")


class EditorialNote(Strict):
    """Marks the changes of the data on one day as editorial, not a change of substance: a
    typo fixed in the transfer to the site, or text the site had written itself withdrawn
    (the history then says so without showing that text again)."""

    date: Date | None = Field(default=None, description="Дата правки (дата коммита); без неё — правки этих пунктов в любой день")
    document: HistoryDocument = Field(description=_HISTORY_DOCUMENT)
    items: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=list, description="Исправленные пункты: " + _HISTORY_ITEMS)
    note: Literal["typo", "withdrawn"] = Field(
        description="typo — исправление опечатки при переносе текста на сайт; withdrawn — снят текст, "
                    "составленный сайтом, а не взятый из утверждённого документа (старый текст не показывается)")


class EditionHistory(Strict):
    amendments: list[Amendment] = Field(default_factory=list, description="Изменения, внесённые приказами")
    editorial: list[EditorialNote] = Field(default_factory=list,
                                           description="Редакционные правки: опечатки и снятые тексты сайта")
