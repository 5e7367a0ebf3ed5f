"""Print the code the demo's authenticator app shows now, for signing in as a demo official or
staff member without a phone (load_demo_data prints the accounts). Demo data only."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from .load_demo_data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo officials and staff (demo data only)."

    def handle(self, *args, **options):
        period = 30
        now = int(time.time())
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // period))
        self.stdout.write(f"{code}  (valid for {period - now % period} more seconds)")
