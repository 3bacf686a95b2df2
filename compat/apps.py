from django.apps import AppConfig


class CompatConfig(AppConfig):
    name = "compat"
    verbose_name = "Compatibility with upstream packages"

    def ready(self):
        from . import images

        images.install()  # the files of images in restricted collections go to the private folder
