"""Back up the database and the media files into one checksummed archive.

    manage.py backup                          # backups/machikado-backup-<time>.tar.gz
    manage.py backup --output /srv/backups/   # a timestamped archive in that folder
    manage.py backup --output nightly.tar     # that name; .tar = uncompressed
    manage.py backup --no-media               # the database only (media backed up elsewhere)

Safe while the site runs. Writes <archive>.sha256 beside the archive
(`sha256sum -c` checks a copy). Restore with `manage.py restore`.
"""

from django.core.management.base import BaseCommand, CommandError

from machikado import backups


def human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


class Command(BaseCommand):
    help = "Back up the database and media files into one archive with checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Archive file (.tar.gz, .tgz or .tar) or folder "
            "(default: BACKUP_DIR setting, else backups/ in the project).",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave the media files out (when the storage is backed up on its own).",
        )

    def handle(self, *args, output=None, no_media=False, **options):
        log = (lambda message: self.stdout.write(message)) if options["verbosity"] else None
        try:
            result = backups.create_backup(
                output, include_media=not no_media, log=log or backups._quiet
            )
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        database = manifest["database"]
        media = (
            f"{result.media_files} media files ({human(result.media_bytes)})"
            if manifest["media"]["included"]
            else "no media files (--no-media)"
        )
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {result.path} ({human(result.size)})")
        )
        self.stdout.write(
            f"  database: {database['vendor']} {database['server_version']}, "
            f"{human(result.database_bytes)}, "
            f"{sum(len(names) for names in database['migrations'].values())} migrations applied\n"
            f"  media: {media}\n"
            f"  sha256: {result.sha256} (also in {result.path.name}.sha256)"
        )
