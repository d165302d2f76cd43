"""Judged queries over the Fujioka demo (site/demo/), for test_relevance.py.

Each query lists the documents a visitor typing it would be glad to see, judged
by reading the demo's content (content.py, shop_content.py, tourism_content.py),
not by running an engine. A document is "kind:key": the key is the page slug
for shops, attractions, events and courses (the same in every language), and
the product's title in the query's language for products.

`kind` says what the query tests: text, kana (kana-only, a reading of a kanji
name), variant (katakana/hiragana/kanji spellings of one word), place (an
English or kana name of a Japanese place), typo (Latin, within edit distance),
category, multi (several words).

Judging rules: for a place name, what is named after it or lies in it (pages,
not every product of its shops); for a category, the places and events of that
kind (products only when their own title says it); for one named shop or place
(「美九里 酒蔵」 is Yamabuki Brewery), its events and products too.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Judged:
    text: str
    language: str
    kind: str
    relevant: tuple[str, ...]


# What the demo has in and around each area (for place-name queries).
SAKURAYAMA = (
    "attraction:sakurayama-park",
    "attraction:sakurayama-summit",
    "attraction:sakurayama-onsen",
    "shop:minshuku-sakurayama-so",
    "event:winter-cherry-festival",
    "event:winter-stargazing",
    "shop:fuyuzakura-cafe-koharu",
    "shop:sanbagawa-yuzu-farm",
    "attraction:sanbagawa-forest",
    "course:winter-cherries-and-sanba-stone",
)
ONISHI = (
    "attraction:onishi-sake-street",
    "attraction:kanna-no-yu",
    "event:hachi-no-hi-market",
    "course:onishi-sake-and-river-walk",
    "shop:kannagawa-shuzo",
    "shop:chuka-soba-hozuki",
    "shop:fuyuzakura-do",
    "shop:kawaoto-no-yado-kanna",
    "shop:kannako-canoe-club",
    "shop:kotoba-do",
    "attraction:kanna-river-promenade",
    "attraction:koinobori-riverside",
    "attraction:iwaya-kannon",
    "event:sake-street-lanterns",
)
SANBASEKI = (
    "attraction:sanbaseki-gorge",
    "event:gorge-autumn-walk",
    "event:gorge-guided-walk",
    "attraction:sanbaseki-stone-museum",
    "shop:baiten-yamabiko",
    "shop:sanbaseki-kobo-ishinone",
    "shop:teuchi-soba-sanba",
    "shop:koinobori-soyokaze",
    "attraction:lake-kanna-lookout",
    "attraction:kannako-maple-path",
    "course:winter-cherries-and-sanba-stone",
)
SOBA = (
    "shop:teuchi-soba-sanba",
    "shop:sobauchi-dojo-mikuri",
    "event:wednesday-soba-class",
    "event:new-soba-days",
)
# Coffee: the coffee house, its coffee, and where its coffee is served.
COFFEE_JA = (
    "shop:kissa-hidamari",
    "product:ひだまりブレンド 200g",
    "product:ドリップバッグ 5袋",
    "event:jazz-night-hidamari",
    "shop:book-cafe-shiori",
)
HANIWA = (
    "attraction:haniwa-workshop",
    "event:haniwa-family-class",
    "attraction:fujioka-history-museum",
    "attraction:mikuri-kofun-hill",
    "event:kofun-festival",
    "event:museum-gallery-talk",
    "course:mikuri-satoyama-by-bicycle",
)
WINTER_CHERRY = (
    "attraction:sakurayama-park",
    "event:winter-cherry-festival",
    "shop:fuyuzakura-cafe-koharu",
    "shop:fuyuzakura-do",
    "shop:minshuku-sakurayama-so",
    "course:winter-cherries-and-sanba-stone",
)
ONSEN = (
    "attraction:kanna-no-yu",
    "attraction:sakurayama-onsen",
    "event:winter-solstice-yuzu-bath",
    "course:winter-cherries-and-sanba-stone",
)
BREWERIES = (
    "shop:kannagawa-shuzo",
    "shop:yamabuki-shuzo",
    "event:new-sake-festival",
    "event:yamabuki-brewery-open-day",
    "event:brewery-concert",
    "attraction:onishi-sake-street",
    "event:sake-street-lanterns",
    "course:onishi-sake-and-river-walk",
)
CARP = (
    "shop:koinobori-soyokaze",
    "attraction:koinobori-riverside",
    "event:carp-streamer-festival",
)
INNS = (
    "shop:minshuku-sakurayama-so",
    "shop:kawaoto-no-yado-kanna",
    "shop:guesthouse-fuji",
)

QUERIES = [
    # -- Japanese ---------------------------------------------------------------------------
    Judged("桜山公園", "ja", "text", (
        "attraction:sakurayama-park", "event:winter-cherry-festival",
        "course:winter-cherries-and-sanba-stone", "shop:minshuku-sakurayama-so",
        "shop:fuyuzakura-cafe-koharu")),
    Judged("さくらやま", "ja", "kana", SAKURAYAMA),
    Judged("サクラヤマ", "ja", "variant", SAKURAYAMA),
    Judged("おにし", "ja", "kana", ONISHI + ("product:本醸造「鬼石」1.8L",)),
    Judged("さんばせききょう", "ja", "kana", SANBASEKI),
    Judged("三波石", "ja", "text", SANBASEKI + ("product:三波石の箸置き 2個",)),
    Judged("鬼石 温泉", "ja", "multi", ("attraction:kanna-no-yu", "event:winter-solstice-yuzu-bath")),
    Judged("温泉", "ja", "category", ONSEN),
    Judged("酒蔵", "ja", "category", BREWERIES + ("event:hachi-no-hi-market",)),
    Judged("日本酒", "ja", "text", (
        "shop:kannagawa-shuzo", "shop:yamabuki-shuzo", "shop:ito-shoten", "shop:izakaya-fujinoya",
        "product:純米吟醸「三波」", "product:本醸造「鬼石」1.8L", "product:純米酒「山吹」720ml",
        "product:藤岡の地酒 飲み比べ3本", "product:梅酒 500ml", "event:new-sake-festival")),
    Judged("そば", "ja", "variant", SOBA + ("product:そば打ち体験",)),
    Judged("蕎麦", "ja", "variant", SOBA + ("product:そば打ち体験",)),
    Judged("ソバ", "ja", "variant", SOBA + ("product:そば打ち体験",)),
    Judged("ゆず", "ja", "variant", (
        "shop:sanbagawa-yuzu-farm", "product:柚子 1kg", "product:柚子胡椒",
        "event:yuzu-picking", "event:winter-solstice-yuzu-bath")),
    Judged("柚子", "ja", "variant", (
        "shop:sanbagawa-yuzu-farm", "product:柚子 1kg", "product:柚子胡椒",
        "event:yuzu-picking", "event:winter-solstice-yuzu-bath")),
    Judged("ブルーベリー", "ja", "text", (
        "shop:mikuri-blueberry-farm", "product:ブルーベリージャム",
        "product:ブルーベリー摘み取り", "event:blueberry-picking-fair",
        "course:mikuri-satoyama-by-bicycle")),
    Judged("はにわ", "ja", "variant", HANIWA),
    Judged("埴輪", "ja", "variant", HANIWA),
    Judged("こいのぼり", "ja", "text", CARP),
    Judged("冬桜", "ja", "text", WINTER_CHERRY + ("product:冬桜最中",)),
    Judged("ふゆざくら", "ja", "kana", WINTER_CHERRY + ("product:冬桜最中",)),
    Judged("カフェ", "ja", "category", (
        "shop:kissa-hidamari", "shop:fuyuzakura-cafe-koharu", "shop:book-cafe-shiori")),
    Judged("喫茶", "ja", "category", (
        "shop:kissa-hidamari", "shop:fuyuzakura-cafe-koharu", "shop:book-cafe-shiori")),
    Judged("珈琲", "ja", "variant", COFFEE_JA),
    Judged("コーヒー", "ja", "variant", COFFEE_JA),
    Judged("手打ち蕎麦", "ja", "variant", ("shop:teuchi-soba-sanba",)),
    Judged("和菓子", "ja", "category", (
        "shop:fuyuzakura-do", "event:wagashi-class", "product:冬桜最中", "product:桜羊羹",
        "shop:yakimanju-maruya")),
    Judged("焼きまんじゅう", "ja", "text", (
        "shop:yakimanju-maruya", "product:焼きまんじゅう 4本", "product:特製味噌だれ 瓶")),
    Judged("民宿", "ja", "category", INNS),
    Judged("カヌー", "ja", "text", ("shop:kannako-canoe-club", "product:カヌー体験（半日）")),
    Judged("鬼瓦", "ja", "text", (
        "shop:kawaraya", "product:ミニ鬼瓦", "event:onigawara-workshop",
        "attraction:kawara-no-sato", "event:tile-makers-exhibition")),
    Judged("紅葉", "ja", "text", (
        "attraction:kannako-maple-path", "event:gorge-autumn-walk", "attraction:sakurayama-park",
        "attraction:iwaya-kannon", "attraction:kanna-river-promenade",
        "event:winter-cherry-festival")),
    Judged("ほたる", "ja", "text", ("attraction:firefly-stream", "event:firefly-evenings")),
    Judged("花火", "ja", "text", ("event:lake-kanna-fireworks", "attraction:lake-kanna-lookout")),
    Judged("神社", "ja", "category", (
        "attraction:fujimori-shrine", "event:setsubun-at-fujimori",
        "event:new-year-at-fujimori", "course:fujioka-tiles-and-history")),
    Judged("ラーメン", "ja", "text", ("shop:chuka-soba-hozuki",)),
    Judged("絹", "ja", "text", (
        "shop:kinu-kobo-mayu", "product:絹のハンカチ", "product:絹のストール",
        "event:silk-weaving-day")),
    Judged("三波石峡 そば", "ja", "multi", ("shop:teuchi-soba-sanba", "event:new-soba-days")),
    Judged("美九里 酒蔵", "ja", "multi", (
        "shop:yamabuki-shuzo", "event:yamabuki-brewery-open-day", "event:brewery-concert",
        "product:純米酒「山吹」720ml", "product:梅酒 500ml", "product:米麹の甘酒")),
    # -- English ----------------------------------------------------------------------------
    Judged("sake brewery", "en", "category", BREWERIES + ("product:Brewery tour and tasting",)),
    Judged("Sakurayama", "en", "place", SAKURAYAMA),
    Judged("Sakurayma", "en", "typo", SAKURAYAMA),
    Judged("Onishi", "en", "place", ONISHI + ("product:Onishi honjōzō, 1.8 l",)),
    Judged("Sanbaseki Gorge", "en", "place", SANBASEKI),
    Judged("hot spring", "en", "category", ONSEN),
    Judged("onsen", "en", "category", ONSEN),
    Judged("soba", "en", "text", SOBA + ("product:Soba-making class",)),
    Judged("sobba", "en", "typo", SOBA + ("product:Soba-making class",)),
    Judged("blueberries", "en", "text", (
        "shop:mikuri-blueberry-farm", "product:Blueberry jam",
        "product:Blueberry picking", "event:blueberry-picking-fair",
        "course:mikuri-satoyama-by-bicycle")),
    Judged("bluebery", "en", "typo", (
        "shop:mikuri-blueberry-farm", "product:Blueberry jam",
        "product:Blueberry picking", "event:blueberry-picking-fair",
        "course:mikuri-satoyama-by-bicycle")),
    Judged("yuzu", "en", "text", (
        "shop:sanbagawa-yuzu-farm", "product:Yuzu citrus, 1 kg", "product:Yuzu kosho",
        "event:yuzu-picking", "event:winter-solstice-yuzu-bath")),
    Judged("haniwa", "en", "text", HANIWA),
    Judged("carp streamers", "en", "multi", CARP),
    Judged("wisteria", "en", "text", (
        "attraction:fuji-no-oka-park", "event:wisteria-festival", "attraction:fujimori-shrine",
        "shop:patisserie-la-glycine", "product:Wisteria financiers, 5",
        "event:teshigoto-craft-fair")),
    Judged("winter cherry", "en", "multi", WINTER_CHERRY + ("product:Winter-cherry monaka",)),
    Judged("Kanna River", "en", "place", (
        "attraction:kanna-river-promenade", "attraction:koinobori-riverside",
        "event:carp-streamer-festival", "shop:kannagawa-shuzo", "attraction:kanna-no-yu",
        "shop:kawaoto-no-yado-kanna", "course:onishi-sake-and-river-walk")),
    Judged("coffee", "en", "text", (
        "shop:kissa-hidamari", "product:Hidamari blend, 200 g", "product:Drip bags, 5",
        "event:jazz-night-hidamari", "shop:book-cafe-shiori")),
    Judged("museum", "en", "category", (
        "attraction:fujioka-history-museum", "attraction:sanbaseki-stone-museum",
        "event:museum-gallery-talk", "event:tile-makers-exhibition",
        "course:fujioka-tiles-and-history")),
    Judged("shrine", "en", "category", (
        "attraction:fujimori-shrine", "event:setsubun-at-fujimori",
        "event:new-year-at-fujimori", "course:fujioka-tiles-and-history")),
    Judged("fireworks", "en", "text", ("event:lake-kanna-fireworks", "attraction:lake-kanna-lookout")),
    Judged("silk", "en", "text", (
        "shop:kinu-kobo-mayu", "product:Silk handkerchief", "product:Silk stole",
        "event:silk-weaving-day", "shop:book-cafe-shiori", "attraction:fujioka-history-museum")),
    Judged("canoe", "en", "text", ("shop:kannako-canoe-club", "product:Canoeing, half day")),
    Judged("ramen", "en", "text", ("shop:chuka-soba-hozuki",)),
    Judged("Fujioka History Museum", "en", "multi", (
        "attraction:fujioka-history-museum", "event:museum-gallery-talk",
        "event:tile-makers-exhibition", "course:fujioka-tiles-and-history")),
    Judged("roof tiles", "en", "multi", (
        "shop:kawaraya", "attraction:kawara-no-sato", "event:onigawara-workshop",
        "event:tile-makers-exhibition", "product:Miniature onigawara roof tile",
        "attraction:fujioka-history-museum", "course:fujioka-tiles-and-history")),
    Judged("yaki manju", "en", "multi", (
        "shop:yakimanju-maruya", "product:Yaki-manjū, 4 skewers", "product:House miso glaze, jar")),
    Judged("junmai ginjo", "en", "multi", ("product:Sanba junmai ginjō", "shop:kannagawa-shuzo")),
    Judged("sake Onishi", "en", "multi", (
        "shop:kannagawa-shuzo", "attraction:onishi-sake-street", "event:sake-street-lanterns",
        "product:Onishi honjōzō, 1.8 l", "event:hachi-no-hi-market",
        "course:onishi-sake-and-river-walk", "event:new-sake-festival")),
    Judged("brewry", "en", "typo", BREWERIES + ("product:Brewery tour and tasting",)),
]  # fmt: skip
