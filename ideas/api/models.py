from django.db import models


class DataExport(models.Model):
    """The current file of one bulk download: a dataset in one format, kept in the default storage.

    Rows are written by ``exports.regenerate`` only; the /data/ page and the download views
    read them, so serving a download never touches the data it was made from.
    """

    dataset = models.CharField(max_length=40)
    format = models.CharField(max_length=8)
    path = models.CharField(max_length=255, help_text="Name of the file in the default storage.")
    previous_path = models.CharField(
        max_length=255, blank=True, help_text="The file it replaced, kept until the next run for downloads in flight."
    )
    size = models.PositiveBigIntegerField()
    rows = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    generated_at = models.DateTimeField(help_text="When a run last produced this file (or confirmed it unchanged).")
    changed_at = models.DateTimeField(help_text="When its content last changed (the Last-Modified header).")

    class Meta:
        ordering = ["dataset", "format"]
        constraints = [models.UniqueConstraint(fields=["dataset", "format"], name="one_export_per_dataset_format")]

    def __str__(self):
        return f"{self.dataset}.{self.format}"

    @property
    def filename(self):
        return f"{self.dataset}.{self.format}"
