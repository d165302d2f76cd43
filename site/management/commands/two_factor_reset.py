"""Removes a user's two-factor devices (authenticator app and backup codes),
e.g. after a lost phone, and clears their login lockouts. A staff member
then enrols again at the next sign-in. Run by an administrator on the server:

    manage.py two_factor_reset USERNAME [USERNAME ...]
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = "Remove users' two-factor devices and backup codes (they enrol again at next sign-in)."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        User = get_user_model()
        for username in usernames:
            try:
                user = User.objects.get_by_natural_key(username)
            except User.DoesNotExist:
                raise CommandError(f"No user {username!r}.") from None
            removed = 0
            for device in list(devices_for_user(user, confirmed=None)):
                device.delete()
                removed += 1
            AxesProxyHandler.reset_attempts(username=username)
            self.stdout.write(f"{username}: removed {removed} two-factor device(s).")
