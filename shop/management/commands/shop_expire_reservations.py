"""``manage.py shop_expire_reservations``: release unpaid checkouts whose
reservation has ended.

Card checkouts hold their stock for SHOP_CARD_RESERVATION_MINUTES (30 by
default), bank transfers for SHOP_BANK_TRANSFER_DAYS (7); pay-at-the-store
orders never expire (their shop cancels no-shows). Each expired checkout gets
its stock back and the status "expired", and a card checkout's PaymentIntent
is cancelled at Stripe after that is committed (one already cancelled is
fine; one that succeeded meanwhile is settled by its webhook: the stock is
reserved again if it is still there, else the payment is refunded).

Run it from cron every few minutes, e.g.::

    */5 * * * *  cd /srv/machikado && .venv/bin/python manage.py shop_expire_reservations

It is safe to run concurrently with itself and with checkouts (each release
locks its checkout row and returns stock once).
"""

from django.core.management.base import BaseCommand

from shop.services import payments


class Command(BaseCommand):
    help = "Release unpaid checkouts whose stock reservation has ended (run from cron)."

    def handle(self, *args, **options):
        count = payments.expire_reservations()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{count} checkout(s) expired.")
