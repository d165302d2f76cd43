"""Column lists of the Digital Agency's 自治体標準オープンデータセット (正式版)
for 観光施設一覧 (tourist facilities) and イベント一覧 (events).

Source: デジタル庁「自治体標準オープンデータセット（正式版）」
https://www.digital.go.jp/resources/open_data/municipal-standard-data-set-test
(definition sheets 11_観光施設一覧.xlsx and the イベント一覧 sheet; licence PDL1.0).
The Digital Agency's site could not be reached from where this was written
(no network), so the lists were checked against copies of the official
material, as follows.

Verified
  * The header block and the names. The official sheet "11_観光施設一覧.xlsx
    データ項目(観光施設一覧)", as mirrored by Tokushima prefecture's open data
    site (opendata.pref.tokushima.lg.jp, dataset 4991), begins
    1 全国地方公共団体コード (6 digits with the check digit), 2 法人番号, 3 ID,
    4 地方公共団体名 (e.g. 北海道札幌市), 5 名称, 6 名称_カナ (全角カナ), 7 名称_英語.
  * The 正式版 address block. The 正式版 public-toilet definition (same
    generation; its columns extracted from the official xlsx are in
    tsunagu-bosai/open-infra-japan schema/standard/public-toilet/schema.csv)
    has 所在地_全国地方公共団体コード, 町字ID, 所在地_連結表記 (都道府県 to
    建物名 joined), 所在地_都道府県, 所在地_市区町村, 所在地_町字,
    所在地_番地以下, 建物名等(方書) — with half-width parentheses in
    建物名等(方書) — then 緯度, 経度; times are hh:mm; "有"/"無" for yes/no.
  * The older 推奨データセット lists, which the 正式版 revised: the tourism list
    (the Digital Agency's template xxxxxx_tourism.csv, quoted in the
    tablelinker documentation) ... 名称_英語, POIコード, 住所, 方書, 緯度, 経度,
    利用可能曜日, 開始時間, 終了時間, 利用可能日時特記事項, 料金（基本）,
    料金（詳細） (full-width parentheses in the template), 説明, 説明_英語,
    アクセス方法, 駐車場情報, バリアフリー情報, 連絡先名称, 連絡先電話番号,
    連絡先内線番号, 画像, 画像_ライセンス, URL, 備考; the event list ...
    イベント名, イベント名_カナ, イベント名_英語, 開始日, 終了日, 開始時間,
    終了時間, 開始日時特記事項, 説明, 料金(基本), 料金(詳細) (half-width in
    published files), 連絡先名称, 連絡先電話番号, 連絡先内線番号, 主催者,
    場所名称, 住所, 方書, 緯度, 経度, アクセス方法, 駐車場情報, 定員,
    参加申込終了日, 参加申込終了時間, 参加申込方法, URL, 備考.

Inferred (not seen in an official 正式版 tourism or event sheet)
  * That the 正式版 lists are the 推奨 lists with the 正式版 header block in front
    and the 正式版 address block in place of 住所/方書 (as the toilet list was
    changed), and that the event list gains 画像, 画像_ライセンス before 備考.
  * The 正式版 toilet and childcare lists put 高度の種別, 高度の値 after 経度;
    whether the tourism and event lists do too was not found. They are left
    out here. If the official sheet has them, add them to the lists below:
    export, import and tests follow the lists.
  * Parentheses of 料金（基本）/料金（詳細）: full-width in the tourism list
    (as the official template), half-width in the event list (as published
    event files). One 正式版-era tourism file (Osaka prefecture) writes
    料金(基本), so the importer accepts either width in headers.
  * Several values in one cell are separated with ";" (half-width semicolon),
    as the 共通ルール does for multiple values; 利用可能曜日 uses the day
    words 月曜日 ... 日曜日 and 祝日.

Formats used here: dates YYYY-MM-DD, times hh:mm, coordinates in decimal
degrees (世界測地系), an empty cell for unknown.
"""

from dataclasses import dataclass, field

# The organisation publishing the data, and the record's ID.
HEADER_COLUMNS = ["全国地方公共団体コード", "法人番号", "ID", "地方公共団体名"]

# The 正式版 address of the place (replaces the 推奨 住所, 方書).
ADDRESS_COLUMNS = [
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
]

TOURISM_FACILITY_COLUMNS = [
    *HEADER_COLUMNS,
    "名称",
    "名称_カナ",
    "名称_英語",
    "POIコード",
    *ADDRESS_COLUMNS,
    "緯度",
    "経度",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "料金（基本）",
    "料金（詳細）",
    "説明",
    "説明_英語",
    "アクセス方法",
    "駐車場情報",
    "バリアフリー情報",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "画像",
    "画像_ライセンス",
    "URL",
    "備考",
]

EVENT_COLUMNS = [
    *HEADER_COLUMNS,
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    *ADDRESS_COLUMNS,
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "画像",
    "画像_ライセンス",
    "備考",
]

# Day words of 利用可能曜日, Monday first (index = Python's weekday()).
DAY_WORDS = ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"]
HOLIDAY_WORD = "祝日"
VALUE_SEPARATOR = ";"
DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M"


@dataclass(frozen=True)
class Dataset:
    slug: str  # stable file name: /opendata/<slug>.csv and .json
    name: str  # the spec's dataset name (Japanese)
    columns: list[str]
    name_column: str
    kana_column: str
    english_column: str
    # Columns a row must fill (the spec's ◎/○ marks we can check, plus what a page needs).
    required: list[str] = field(default_factory=list)
    date_columns: list[str] = field(default_factory=list)
    time_columns: list[str] = field(default_factory=list)


TOURISM_FACILITIES = Dataset(
    slug="tourism-facilities",
    name="観光施設一覧",
    columns=TOURISM_FACILITY_COLUMNS,
    name_column="名称",
    kana_column="名称_カナ",
    english_column="名称_英語",
    required=["ID", "名称", "名称_カナ", "説明"],
    time_columns=["開始時間", "終了時間"],
)

EVENTS = Dataset(
    slug="events",
    name="イベント一覧",
    columns=EVENT_COLUMNS,
    name_column="イベント名",
    kana_column="イベント名_カナ",
    english_column="イベント名_英語",
    required=["ID", "イベント名", "イベント名_カナ", "開始日", "説明"],
    date_columns=["開始日", "終了日", "参加申込終了日"],
    time_columns=["開始時間", "終了時間", "参加申込終了時間"],
)

DATASETS = {dataset.slug: dataset for dataset in (TOURISM_FACILITIES, EVENTS)}


def municipality_code_is_valid(code: str) -> bool:
    """全国地方公共団体コード: 5 digits and a check digit (JIS X 0402).

    The check digit is the last digit of 11 minus (digits × 6, 5, 4, 3, 2
    summed, modulo 11): 10209 → 102091 (藤岡市), 01100 → 011002 (札幌市).
    """
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(code[:5], (6, 5, 4, 3, 2), strict=True)
    )
    return int(code[5]) == (11 - total % 11) % 10
