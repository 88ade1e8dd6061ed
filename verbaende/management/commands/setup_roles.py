from django.core.management.base import BaseCommand

from verbaende.roles import ROLES, setup_roles


class Command(BaseCommand):
    help = "Create or update the staff groups (Landesverband, Regionalverband) and their rights."

    def handle(self, *args, **options):
        setup_roles()
        self.stdout.write(self.style.SUCCESS(f"Roles up to date: {', '.join(ROLES)}."))
