"""Bring a database to the state the platform needs, idempotently.

Runs after every ``migrate`` (and after test flushes) through post_migrate,
so a new installation has its languages, the city-staff group, the approval
workflow, default taxonomies and a page tree without a separate step.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import translation

from tourism.setup import ensure_tourism_editors

CITY_STAFF_GROUP = "City staff"
BUSINESSES_COLLECTION = "Businesses"
APPROVAL_WORKFLOW = "City approval"
APPROVAL_TASK = "City staff review"

# Model permissions of city staff, as "app_label.codename".
CITY_STAFF_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "businesses.add_businessapplication",
    "businesses.change_businessapplication",
    "businesses.view_businessapplication",
    "businesses.add_business",
    "businesses.change_business",
    "businesses.view_business",
    "businesses.add_businesscategory",
    "businesses.change_businesscategory",
    "businesses.delete_businesscategory",
    "businesses.change_approvalsettings",
    "tourism.add_area",
    "tourism.change_area",
    "tourism.delete_area",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "wagtaildocs.choose_document",
    "wagtail_localize.submit_translation",
    # shop catalogue and settings (owners act through business membership)
    "shop.add_product",
    "shop.change_product",
    "shop.delete_product",
    "shop.view_product",
    "shop.change_shopprofile",
    "shop.view_shopprofile",
    # orders: staff see every shop's orders; only the shop's members act on them
    "shop.view_order",
]
CITY_STAFF_PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
COLLECTION_PERMISSION_MODELS = ["wagtailimages", "wagtaildocs"]

DEFAULT_CATEGORIES = [
    # (slug, ja, en, schema.org type, licence the trade needs)
    ("restaurant", "飲食店", "Restaurant", "Restaurant", "飲食店営業許可"),
    ("cafe", "カフェ", "Cafe", "CafeOrCoffeeShop", "飲食店営業許可"),
    ("sweets", "和菓子・洋菓子", "Sweets", "Bakery", "菓子製造業許可"),
    ("sake-brewery", "酒蔵", "Sake brewery", "Brewery", "酒類製造免許"),
    ("farm", "農園・直売所", "Farm and produce", "GroceryStore", ""),
    ("crafts", "工芸・ものづくり", "Crafts", "Store", ""),
    ("inn", "宿泊", "Inn", "LodgingBusiness", "旅館業許可"),
    ("experience", "体験", "Experience", "TouristAttraction", ""),
    ("retail", "小売", "Retail", "Store", ""),
]
# Category names in the other content languages (ja and en are above).
CATEGORY_TRANSLATIONS = {
    "restaurant": {"zh-hans": "餐厅", "zh-hant": "餐廳", "ko": "음식점"},
    "cafe": {"zh-hans": "咖啡馆", "zh-hant": "咖啡廳", "ko": "카페"},
    "sweets": {"zh-hans": "和果子・西点", "zh-hant": "和菓子・西點", "ko": "화과자・양과자"},
    "sake-brewery": {"zh-hans": "日本酒酒厂", "zh-hant": "日本酒酒廠", "ko": "사케 양조장"},
    "farm": {"zh-hans": "农园・直销店", "zh-hant": "農園・直銷店", "ko": "농원・직판장"},
    "crafts": {"zh-hans": "工艺・手作", "zh-hant": "工藝・手作", "ko": "공예・공방"},
    "inn": {"zh-hans": "住宿", "zh-hant": "住宿", "ko": "숙박"},
    "experience": {"zh-hans": "体验", "zh-hant": "體驗", "ko": "체험"},
    "retail": {"zh-hans": "零售", "zh-hant": "零售", "ko": "소매점"},
}
SPOKEN_LANGUAGES = ["ja", "en", "zh-hans", "zh-hant", "ko"]


def ensure_platform(using=DEFAULT_DB_ALIAS, verbosity=0):
    # Permissions of every app must exist before groups can hold them;
    # Django creates them per app, in an order we do not control.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    with transaction.atomic(using=using):
        ensure_submit_translation_permission()
        ensure_locales()
        ensure_roots()
        staff = ensure_city_staff_group()
        ensure_collection()
        ensure_workflow(staff)
        ensure_taxonomies()
        ensure_page_tree()
        ensure_tourism_editors()


def ensure_submit_translation_permission():
    """wagtail-localize makes this permission in a data migration only, so a
    flushed database (transactional tests) lacks it until it is made again."""
    from django.contrib.contenttypes.models import ContentType

    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_localize", model="translation"
    )
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )


def ensure_locales():
    from wagtail.models import Locale

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def ensure_roots():
    """Wagtail makes its root page and root collection in data migrations; a
    flushed database (transactional tests) has neither until they are made again."""
    from wagtail.models import Collection, Page

    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def permissions(names):
    result = []
    for name in names:
        app_label, codename = name.split(".")
        result.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return result


def page_permission(kind):
    """Wagtail's page permission of that kind ("change", "publish" ...)."""
    return Permission.objects.get(
        content_type__app_label="wagtailcore", content_type__model="page", codename=f"{kind}_page"
    )


def ensure_city_staff_group():
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _ = Group.objects.get_or_create(name=CITY_STAFF_GROUP)
    group.permissions.add(*permissions(CITY_STAFF_PERMISSIONS))
    root_page = Page.get_first_root_node()
    for kind in CITY_STAFF_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=page_permission(kind)
        )
    root_collection = Collection.get_first_root_node()
    for perm in Permission.objects.filter(
        content_type__app_label__in=COLLECTION_PERMISSION_MODELS,
        codename__regex=r"^(add|change|delete|choose)_(image|document)$",
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=perm
        )
    return group


def ensure_collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=BUSINESSES_COLLECTION).first()
    return existing or root.add_child(name=BUSINESSES_COLLECTION)


def businesses_collection():
    from wagtail.models import Collection

    return Collection.get_first_root_node().get_children().get(name=BUSINESSES_COLLECTION)


def ensure_workflow(staff):
    from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

    task, _ = GroupApprovalTask.objects.get_or_create(name=APPROVAL_TASK)
    task.groups.add(staff)
    workflow, _ = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW)
    # Not workflow.workflow_tasks.create(): on a cluster that only stages the
    # row in memory, leaving a workflow without tasks that publishes at once.
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Every page below the root goes through the city's review unless its
    # editor may publish (city staff; owners only when the policy allows).
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def ensure_taxonomies():
    from wagtail.models import Locale

    from businesses.models import BusinessCategory, PaymentMethod, SpokenLanguage

    for code, _label in PaymentMethod.CHOICES:
        PaymentMethod.objects.get_or_create(code=code)
    for code in SPOKEN_LANGUAGES:
        SpokenLanguage.objects.get_or_create(code=code)
    ja = Locale.objects.get(language_code="ja")
    if not BusinessCategory.objects.exists():
        for order, (slug, name_ja, _en, schema_type, licence) in enumerate(DEFAULT_CATEGORIES):
            BusinessCategory.objects.create(
                locale=ja, slug=slug, name=name_ja, schema_type=schema_type,
                licence_label=licence, sort_order=order,
            )  # fmt: skip
    # Every default category the city still has gets its missing translations
    # (a language added later gets them on the next migrate; names staff
    # changed are left alone).
    names = {slug: {"en": name_en, **CATEGORY_TRANSLATIONS.get(slug, {})}
             for slug, _ja, name_en, *_rest in DEFAULT_CATEGORIES}  # fmt: skip
    locales = {locale.language_code: locale for locale in Locale.objects.exclude(pk=ja.pk)}
    for source in BusinessCategory.objects.filter(locale=ja, slug__in=names):
        existing = set(source.get_translations().values_list("locale__language_code", flat=True))
        for code, name in names[source.slug].items():
            if code in locales and code not in existing:
                translated = source.copy_for_translation(locales[code])
                translated.name = name
                translated.save()


# Titles of the pages every site has, per content language.
PAGE_TITLES = {
    "ja": {
        "home": ("まちかど", "まちの店と旅を、ひとつに。"),
        "shops": "お店をさがす",
        "visit": "観光",
        "areas": "エリア",
        "attractions": "見どころ",
        "events": "イベント",
        "courses": "モデルコース",
    },
    "en": {
        "home": ("Machikado", "Local shops and journeys, together."),
        "shops": "Find a shop",
        "visit": "Visit",
        "areas": "Areas",
        "attractions": "Things to see",
        "events": "Events",
        "courses": "Model courses",
    },
    "zh-hans": {
        "home": ("Machikado 街角", "本地商店与旅行，一站尽览。"),
        "shops": "找商店",
        "visit": "观光",
        "areas": "地区",
        "attractions": "景点",
        "events": "活动",
        "courses": "推荐路线",
    },
    "zh-hant": {
        "home": ("Machikado 街角", "在地商店與旅行，一站盡覽。"),
        "shops": "找商店",
        "visit": "觀光",
        "areas": "地區",
        "attractions": "景點",
        "events": "活動",
        "courses": "推薦路線",
    },
    "ko": {
        "home": ("마치카도", "동네 가게와 여행을 한곳에서."),
        "shops": "가게 찾기",
        "visit": "관광",
        "areas": "지역",
        "attractions": "볼거리",
        "events": "이벤트",
        "courses": "추천 코스",
    },
}


def ensure_page_tree():
    """The home page, the business directory and the tourism section, in every
    content language (a language added later gets its copies on the next migrate)."""
    from wagtail.models import Locale

    from businesses.models import BusinessDirectoryPage
    from machikado.models import HomePage

    ja = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = HomePage.objects.filter(locale=ja).first() or _create_home(ja)
    titles = PAGE_TITLES[settings.LANGUAGE_CODE]
    directory = BusinessDirectoryPage.objects.child_of(home).first()
    if directory is None:
        directory = home.add_child(
            instance=BusinessDirectoryPage(title=titles["shops"], slug="shops", locale=ja)
        )
    sources = [("home", home), ("shops", directory), *_ensure_tourism_section(home, titles)]
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locale = Locale.objects.filter(language_code=code).first()
        if not locale or locale == ja:
            continue
        names = PAGE_TITLES.get(code, PAGE_TITLES["en"])
        for key, page in sources:  # parents come first
            if page.has_translation(locale):
                continue
            translated = page.copy_for_translation(locale)
            if key == "home":
                translated.title, translated.headline = names["home"]
            else:
                translated.title = names[key]
            translated.save_revision().publish()


def _create_home(ja):
    from wagtail.models import Page, Site

    from machikado.models import HomePage

    root = Page.get_first_root_node()
    title, headline = PAGE_TITLES["ja"]["home"]
    with translation.override("ja"):
        home = root.add_child(
            instance=HomePage(title=title, slug="home-ja", locale=ja, headline=headline)
        )
    # Wagtail's welcome page, if still there, makes way for ours.
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    if old_root and old_root.specific_class is Page and old_root.depth == 2:
        old_root.delete()
    home.slug = "home"
    home.save()
    return home


def _ensure_tourism_section(home, titles):
    """[(key, page)] of the tourism home and its four listings, made if missing."""
    from tourism.models import (
        AreaIndexPage,
        AttractionIndexPage,
        CourseIndexPage,
        EventIndexPage,
        TourismHomePage,
    )

    tourism = TourismHomePage.objects.child_of(home).first()
    if tourism is None:
        tourism = home.add_child(
            instance=TourismHomePage(title=titles["visit"], slug="visit", locale=home.locale)
        )
    pages = [("visit", tourism)]
    for key, model in [
        ("areas", AreaIndexPage),
        ("attractions", AttractionIndexPage),
        ("events", EventIndexPage),
        ("courses", CourseIndexPage),
    ]:
        listing = model.objects.child_of(tourism).first()
        if listing is None:
            listing = tourism.add_child(
                instance=model(title=titles[key], slug=key, locale=home.locale)
            )
        pages.append((key, listing))
    return pages
