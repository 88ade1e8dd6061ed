from django.urls import path

from aktuelles import feeds, views

app_name = "aktuelles"
urlpatterns = [
    path("", views.news_index, name="index"),
    path("feeds/alle.rss", feeds.StreamFeed(), name="feed_all_rss"),
    path("feeds/alle.atom", feeds.atom(feeds.StreamFeed)(), name="feed_all_atom"),
    path("feeds/verband/<slug:slug>.rss", feeds.AssociationFeed(), name="feed_association_rss"),
    path(
        "feeds/verband/<slug:slug>.atom",
        feeds.atom(feeds.AssociationFeed)(),
        name="feed_association_atom",
    ),
    path("feeds/teilmarkt/<slug:slug>.rss", feeds.SubmarketFeed(), name="feed_submarket_rss"),
    path(
        "feeds/teilmarkt/<slug:slug>.atom",
        feeds.atom(feeds.SubmarketFeed)(),
        name="feed_submarket_atom",
    ),
    path("<slug:slug>/", views.news_detail, name="detail"),
]
