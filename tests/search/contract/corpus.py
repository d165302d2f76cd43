"""The contract suite's fixed corpus: 19 documents, every kind, ja + en + a
few zh-hans translations, points, opening hours, occurrences and prices.

Every expectation in the contract tests is worked out by hand from the
table below (not copied from a run). NOW is Wednesday 13 May 2026, 10:30 in
Tokyo: today = 13 May, this weekend = Sat 16 – Mon 18 May, this month =
13 May – 1 June.

en search sees 10 documents: the 7 English ones and the Japanese ones not
translated to English (attraction-2, event-32, course-40, as fallbacks).

| id             | lang | kind       | category  | area       | band        | bf | cards | point | open      | occurrences           |
|----------------|------|------------|-----------|------------|-------------|----|-------|-------|-----------|-----------------------|
| attraction-1   | ja   | attraction | park      | sakurayama | free        | T  | F     | P1    | 9–17      |                       |
| attraction-101 | en   | attraction | park      | sakurayama | free        | T  | F     | P1    | 9–17      |                       |
| attraction-2   | ja   | attraction | history   | ekimae     | under-1000  | F  | F     | P2    | 9–16      |                       |
| shop-10        | ja   | shop       | cafe      | ekimae     | under-1000  | T  | T     | P3    | 8–18      |                       |
| shop-110       | en   | shop       | cafe      | ekimae     | under-1000  | T  | T     | P3    | 8–18      |                       |
| shop-20        | ja   | shop       | brewery   | sakurayama | 1000-3000   | F  | T     | P4    | 16–22     |                       |
| shop-120       | en   | shop       | brewery   | sakurayama | 1000-3000   | F  | T     | P4    | 16–22     |                       |
| shop-220       | zh   | shop       | brewery   | sakurayama | 1000-3000   | F  | T     | P4    | 16–22     |                       |
| product-5-ja   | ja   | product    | food      | ekimae     | under-1000  | F  | F     |       |           |                       |
| product-5-en   | en   | product    | food      | ekimae     | under-1000  | F  | F     |       |           |                       |
| product-6-ja   | ja   | product    | ticket    | sakurayama | 3000-10000  | F  | T     |       |           |                       |
| product-6-en   | en   | product    | ticket    | sakurayama | 3000-10000  | F  | T     |       |           |                       |
| event-30       | ja   | event      | festival  | sakurayama | free        | T  | F     | P1    |           | 13 May, 16 May 10–16  |
| event-130      | en   | event      | festival  | sakurayama | free        | T  | F     | P1    |           | 13 May, 16 May 10–16  |
| event-31       | ja   | event      | festival  | ekimae     | 1000-3000   | F  | F     | P3    |           | 23 May 17–21          |
| event-131      | en   | event      | festival  | ekimae     | 1000-3000   | F  | F     | P3    |           | 23 May 17–21          |
| event-32       | ja   | event      | market    | ekimae     | (none)      | F  | F     | P5    |           | 1 April (past)        |
| course-40      | ja   | course     | half-day  | sakurayama | (none)      | F  | F     |       |           |                       |
| course-240     | zh   | course     | half-day  | sakurayama | (none)      | F  | F     |       |           |                       |

Opening hours are every day from 13 to 19 May. Distances from P1 (great
circle, R = 6371.0088 km): P3 0.714 km, P4 1.143 km, P2 2.110 km, P5 about
26.5 km.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from search.documents import SearchDocument

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def at(month, day, hour=0, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=TOKYO)


NOW = at(5, 13, 10, 30)

P1 = (36.2500, 139.0700)  # Sakurayama Park
P2 = (36.2600, 139.0900)  # 古代の森
P3 = (36.2550, 139.0750)  # Machikado Coffee, the beer festival's venue
P4 = (36.2420, 139.0620)  # Hillside Brewery
P5 = (36.4000, 139.3000)  # the plant market, far away
KM_P1_P3 = 0.714
KM_P1_P4 = 1.143
KM_P1_P2 = 2.110


def daily(opens, closes, days=range(13, 20)):
    return [(at(5, day, opens), at(5, day, closes)) for day in days]


FESTIVAL = [(at(5, 13, 10), at(5, 13, 16)), (at(5, 16, 10), at(5, 16, 16))]
BEER_FESTIVAL = [(at(5, 23, 17), at(5, 23, 21))]


def _doc(id, kind, language, group, title, **fields):
    return SearchDocument(
        id=id,
        kind=kind,
        language=language,
        group=group,
        title=title,
        url=f"/{language}/{id}/",
        updated_at=at(5, 1),
        **fields,
    )


def _point(p):
    return {"latitude": p[0], "longitude": p[1]}


def corpus() -> list[SearchDocument]:
    park = dict(
        category="park",
        area="sakurayama",
        price=0,
        barrier_free=True,
        opening=daily(9, 17),
        **_point(P1),
    )
    cafe = dict(
        category="cafe",
        area="ekimae",
        price=450,
        barrier_free=True,
        takes_cards=True,
        opening=daily(8, 18),
        **_point(P3),
    )
    brewery = dict(
        category="brewery",
        area="sakurayama",
        price=1200,
        takes_cards=True,
        opening=daily(16, 22),
        **_point(P4),
    )
    anpan = dict(category="food", area="ekimae", price=250)
    tour = dict(category="ticket", area="sakurayama", price=3000, takes_cards=True)
    festival = dict(
        category="festival",
        area="sakurayama",
        price=0,
        barrier_free=True,
        occurrences=FESTIVAL,
        **_point(P1),
    )
    beer = dict(
        category="festival", area="ekimae", price=1000, occurrences=BEER_FESTIVAL, **_point(P3)
    )
    course = dict(category="half-day", area="sakurayama")
    return [
        _doc(
            "attraction-1",
            "attraction",
            "ja",
            "attraction-g1",
            "桜山公園",
            title_kana="さくらやまこうえん",
            summary="春は桜の名所。展望台から市街地を一望できます。",
            body="駐車場があります。",
            category_label="公園",
            area_label="桜山",
            translated_to=["en"],
            **park,
        ),
        _doc(
            "attraction-101",
            "attraction",
            "en",
            "attraction-g1",
            "Sakurayama Park",
            summary="A hill famous for cherry blossoms, with a view over the city.",
            body="Parking is available next to the observation deck.",
            category_label="Park",
            area_label="Sakurayama",
            **park,
        ),
        _doc(
            "attraction-2",
            "attraction",
            "ja",
            "attraction-g2",
            "古代の森",
            title_kana="こだいのもり",
            summary="古墳と森の散策路。",
            category="history",
            category_label="史跡",
            area="ekimae",
            area_label="駅前",
            price=500,
            opening=daily(9, 16),
            **_point(P2),
        ),
        _doc(
            "shop-10",
            "shop",
            "ja",
            "shop-g10",
            "まちかど珈琲",
            title_kana="まちかどこーひー",
            summary="自家焙煎のコーヒーと手作りケーキの喫茶店。",
            category_label="カフェ",
            area_label="駅前",
            tags=["カード"],
            translated_to=["en"],
            **cafe,
        ),
        _doc(
            "shop-110",
            "shop",
            "en",
            "shop-g10",
            "Machikado Coffee",
            summary="Home-roasted coffee and handmade cakes.",
            category_label="Cafe",
            area_label="Station Area",
            tags=["cards"],
            **cafe,
        ),
        _doc(
            "shop-20",
            "shop",
            "ja",
            "shop-g20",
            "丘の上ブルワリー",
            title_kana="おかのうえぶるわりー",
            summary="地元の麦芽で造るクラフトビール。夏はビアガーデン。",
            category_label="醸造所",
            area_label="桜山",
            translated_to=["en", "zh-hans"],
            **brewery,
        ),
        _doc(
            "shop-120",
            "shop",
            "en",
            "shop-g20",
            "Hillside Brewery",
            summary="Craft beer brewed from local malt, with a beer garden in summer.",
            category_label="Brewery",
            area_label="Sakurayama",
            **brewery,
        ),
        _doc(
            "shop-220",
            "shop",
            "zh-hans",
            "shop-g20",
            "山丘啤酒厂",
            summary="使用本地麦芽酿造的精酿啤酒。",
            category_label="啤酒厂",
            area_label="樱山",
            **brewery,
        ),
        _doc(
            "product-5-ja",
            "product",
            "ja",
            "product-5",
            "桜あんぱん",
            title_kana="さくらあんぱん",
            summary="桜の塩漬けをのせたあんぱん。",
            category_label="食品",
            area_label="駅前",
            translated_to=["en"],
            **anpan,
        ),
        _doc(
            "product-5-en",
            "product",
            "en",
            "product-5",
            "Cherry blossom anpan",
            summary="Sweet bean bun topped with a salted cherry blossom.",
            category_label="Food",
            area_label="Station Area",
            **anpan,
        ),
        _doc(
            "product-6-ja",
            "product",
            "ja",
            "product-6",
            "ブルワリー見学チケット",
            summary="丘の上ブルワリーの見学と試飲。",
            category_label="チケット",
            area_label="桜山",
            translated_to=["en"],
            **tour,
        ),
        _doc(
            "product-6-en",
            "product",
            "en",
            "product-6",
            "Brewery tour ticket",
            summary="A guided tour of the Hillside brewery with tasting.",
            category_label="Ticket",
            area_label="Sakurayama",
            **tour,
        ),
        _doc(
            "event-30",
            "event",
            "ja",
            "event-g30",
            "桜まつり",
            title_kana="さくらまつり",
            summary="桜山公園で開かれる春の祭り。屋台と太鼓。",
            category_label="祭り",
            area_label="桜山",
            translated_to=["en"],
            **festival,
        ),
        _doc(
            "event-130",
            "event",
            "en",
            "event-g30",
            "Cherry Blossom Festival",
            summary="A spring festival in Sakurayama Park with food stalls and taiko drums.",
            category_label="Festival",
            area_label="Sakurayama",
            **festival,
        ),
        _doc(
            "event-31",
            "event",
            "ja",
            "event-g31",
            "クラフトビール祭",
            title_kana="くらふとびーるまつり",
            summary="丘の上ブルワリーのビールと屋台。",
            category_label="祭り",
            area_label="駅前",
            translated_to=["en"],
            **beer,
        ),
        _doc(
            "event-131",
            "event",
            "en",
            "event-g31",
            "Summer Beer Festival",
            summary="Beers from the Hillside brewery and food stalls.",
            category_label="Festival",
            area_label="Station Area",
            **beer,
        ),
        _doc(
            "event-32",
            "event",
            "ja",
            "event-g32",
            "春の植木市",
            title_kana="はるのうえきいち",
            summary="苗木と盆栽の市。",
            category="market",
            category_label="市場",
            area="ekimae",
            area_label="駅前",
            occurrences=[(at(4, 1, 10), at(4, 1, 15))],
            **_point(P5),
        ),
        _doc(
            "course-40",
            "course",
            "ja",
            "course-g40",
            "桜山さんぽコース",
            title_kana="さくらやまさんぽこーす",
            summary="桜山公園からまちかど珈琲へ歩く半日コース。",
            category_label="半日",
            area_label="桜山",
            translated_to=["zh-hans"],
            **course,
        ),
        _doc(
            "course-240",
            "course",
            "zh-hans",
            "course-g40",
            "樱山散步路线",
            summary="从樱山公园步行到街角咖啡的半日路线。",
            category_label="半天",
            area_label="樱山",
            **course,
        ),
    ]


ALL_IDS = {doc.id for doc in corpus()}
EN_VISIBLE = {
    "attraction-101",
    "attraction-2",
    "shop-110",
    "shop-120",
    "product-5-en",
    "product-6-en",
    "event-130",
    "event-131",
    "event-32",
    "course-40",
}
