from django.apps import AppConfig


class CompatConfig(AppConfig):
    name = "compat"
    verbose_name = "Compatibility with upstream packages"

    def ready(self):
        from . import images
        from .collections import start_new_collections_at_the_root

        start_new_collections_at_the_root()
        images.install()  # the files of images in restricted collections go to the private folder
