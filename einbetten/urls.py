app_name = "einbetten"
urlpatterns = []
