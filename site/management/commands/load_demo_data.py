"""Load a fictional set of shops in Fujioka (藤岡市) for trying the platform.

The demo accounts share a published password, so the command refuses to run
unless DEBUG is on or --force is given. Running it again changes nothing;
--reset takes the demo out and loads it afresh.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from machikado.demo import content, loader, tourism_loader
from search.signals import paused as search_indexing_paused


class Command(BaseCommand):
    help = "Load the Fujioka demo: areas, storefronts in ja and en, images and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Remove the demo content, then load it again."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. The demo accounts have a published password: "
            "never use this on a public site.",
        )

    def handle(self, *args, **options):
        # Pages are published by the hundred: index them once, at the end.
        with search_indexing_paused():
            self.load(**options)
        self.rebuild_search_index()

    def rebuild_search_index(self):
        try:
            call_command("rebuild_search_index", stdout=self.stdout, stderr=self.stderr)
        except Exception as error:  # the demo stays usable; search can be rebuilt later
            self.stderr.write(
                f"The search index was not rebuilt ({error}); "
                "run `manage.py rebuild_search_index` when the search engine is up."
            )

    def load(self, *args, reset=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a production database. The demo creates accounts "
                f"with the password {content.PASSWORD!r}; pass --force if you really want it."
            )
        started = time.monotonic()
        if reset:
            loader.remove()
            self.stdout.write("Removed the demo content.")
        elif loader.is_loaded():
            if not tourism_loader.is_loaded():  # loaded before the demo had tourism pages
                loader.load_tourism()
                self.print_tourism()
            else:
                self.stdout.write("The demo is already loaded; nothing to do (--reset reloads it).")
            self.print_accounts()
            return
        try:
            result = loader.load()
        except loader.DemoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo in {time.monotonic() - started:.1f} s: {result.areas} areas, "
                f"{result.businesses} businesses with {result.storefronts} live storefronts "
                f"(Japanese and English, {result.in_review} edit awaiting review), "
                f"{result.images} images, {result.pending_applications} pending applications, "
                f"{result.products} products, {result.orders} shop orders."
            )
        )
        self.print_tourism()
        self.print_accounts()

    def print_tourism(self):
        tourism = tourism_loader.summary()
        self.stdout.write(
            f"Tourism: {tourism.attractions} attractions, {tourism.events} events "
            f"({tourism.repeating} repeating), {tourism.courses} model courses, "
            f"{tourism.area_pages} area pages, {tourism.translations} translated pages."
        )

    def print_accounts(self):
        self.stdout.write(f"Demo accounts (password {content.PASSWORD}), sign in at /admin/:")
        for account in loader.accounts():
            person = account.person
            self.stdout.write(
                f"  {account.username:<8} {person.family} {person.given} <{person.email}> "
                f"- {account.role}"
            )
