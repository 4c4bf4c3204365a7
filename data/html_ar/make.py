#!/usr/bin/env python3
"""Build the synthetic Arabic news-page development set (marsad/html_ar).

usage: python3 data/html_ar/make.py /work/shared/data/news data/html_ar

Every page is written from a template below, filled with the text of one ANT v1.1
article (fixed DOCNO list, so the output is deterministic, byte for byte).  The gold
text is the list of paragraphs the template puts in the article body, so the gold is
right by construction.  Nothing here is copied from a real site; all domains are .test.
"""
import datetime
import glob
import html
import json
import os
import re
import sys

# page number -> (layout slug, DOCNO of the body article)
PAGES = [
    ("wordpress", "JA-localNews-2566-20151217"),
    ("drupal", "JA-internationalNews-365-20170111"),
    ("panarab_portal", "JA-localNews-3135-20170331"),
    ("egypt_portal", "JA-diverse-264-20170411"),
    ("video", "JA-society-268-20161214"),
    ("amp", "JA-diverse-59-22092016"),
    ("jsonld_body", "JA-localNews-692-20170118"),
    ("lazyload", "JA-economy-302-20151201"),
    ("article_aside", "JA-localNews-2997-20170105"),
    ("sidebar_wrapper", "JA-politic-16-20170105"),
    ("cp1256_declared", "JA-diverse-31-20170122"),
    ("cp1256_undeclared", "JA-localNews-540-09032016"),
    ("blogger", "JA-localNews-1193-20170110"),
    ("table_layout", "JA-diverse-23-20170110"),
    ("gulf_microdata", "JA-economy-198-20150806"),
    ("print_version", "JA-localNews-3943-20170512"),
    ("opinion_column", "JA-localNews-3781-20170502"),
    ("sports", "JA-sport-796-20170312"),
    ("maghreb_bilingual", "JA-localNews-1399-20160129"),
    ("nextjs", "JA-economy-268-20161011"),
    ("bootstrap_readalso", "JA-localNews-868-20170207"),
    ("infinite_scroll", "JA-localNews-3830-20170506"),
    ("photo_gallery", "JA-diverse-41-09062016"),
    ("news_agency", "JA-localNews-94-20170124"),
]
# other ANT articles: their titles are used as related / most-read / read-also links,
# and one article's lead is used as the next-article teaser of the infinite-scroll page
OTHERS = [
    "JA-internationalNews-1233-20151205", "JA-localNews-1274-20170109",
    "JA-society-1078-20170620", "JA-society-1070-20161123", "JA-sport-1453-20170619",
    "JA-politic-149-20161116", "JA-sport-1128-20131230", "JA-technology-20-20161102",
    "JA-technology-11-20161207", "JA-localNews-1261-20160927", "JA-diverse-26-20170109",
    "JA-localNews-888-20170207", "JA-internationalNews-206-20150807",
    "JA-localNews-223-24122016", "JA-sport-514-20170224", "JA-diverse-459-20170614",
    "JA-localNews-1193-20170110",
]
OTHERS = [d for d in OTHERS if d not in {p[1] for p in PAGES}]

MONTHS_EG = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
MONTHS_LEV = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
              "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
MONTHS_MA = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت",
             "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
MONTHS_HIJRI = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
                "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"]
DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
IND = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def read_ant(root):
    docs = {}
    for f in sorted(glob.glob(os.path.join(root, "ant_v1.1", "*", "*.txt"))):
        s = open(f, encoding="utf-8").read()
        docno = re.search(r"<DOCNO>(.*?)</DOCNO>", s).group(1).strip()
        title = re.search(r"<TITLE>(.*?)</TITLE>", s, re.S).group(1).strip()
        time = re.search(r"<TIME>(.*?)</TIME>", s).group(1).strip()
        text = re.search(r"<TEXT>(.*?)</TEXT>", s, re.S).group(1)
        paras = [re.sub(r"\s+", " ", l).strip() for l in text.split("\n") if l.strip()]
        docs[docno] = {"docno": docno, "title": re.sub(r"\s+", " ", title),
                       "paras": paras, "date": parse_time(time, docno)}
    return docs


def parse_time(t, docno):
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.match(r"(\d{2})/(\d{2})/(\d{4})", t)
        d, mo, y = map(int, m.groups())
    hm = re.search(r"T(\d{2}):?(\d{2})", t)
    h, mi = (int(hm.group(1)), int(hm.group(2))) if hm else (None, None)
    return {"date": datetime.date(y, mo, d), "h": h, "mi": mi}


def hijri(dt):
    """Tabular (civil) Islamic calendar; may be a day off the sighted calendar."""
    jd = dt.toordinal() + 1721425
    l = jd - 1948440 + 10632
    n = (l - 1) // 10631
    l = l - 10631 * n + 354
    j = ((10985 - l) // 5316) * ((50 * l) // 17719) + (l // 5670) * ((43 * l) // 15238)
    l = l - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    m = (24 * l) // 709
    d = l - (709 * m) // 24
    y = 30 * n + j - 30
    return y, m, d


def e(s):
    return html.escape(s, quote=False)


def a(s):
    return html.escape(s, quote=True)


def iso(art):
    d = art["date"]
    h = d["h"] if d["h"] is not None else 10
    mi = d["mi"] if d["mi"] is not None else 0
    return "%sT%02d:%02d:00+01:00" % (d["date"].isoformat(), h, mi)


def hhmm(art):
    d = art["date"]
    return "%02d:%02d" % (d["h"] if d["h"] is not None else 10, d["mi"] if d["mi"] is not None else 0)


def slugify(art):
    return "-".join(art["title"].split()[:6])


def ar_date(dt, months=MONTHS_EG, day=True, indic=False):
    s = "%d %s %d" % (dt.day, months[dt.month - 1], dt.year)
    if day:
        s = DAYS[dt.weekday()] + " " + s
    return s.translate(IND) if indic else s


def hijri_str(dt, indic=False):
    y, m, d = hijri(dt)
    s = "%d %s %d هـ" % (d, MONTHS_HIJRI[m - 1], y)
    return s.translate(IND) if indic else s


# ---------------------------------------------------------------- furniture
MENU = ["الرئيسية", "أخبار محلية", "عربي ودولي", "سياسة", "اقتصاد", "رياضة", "ثقافة وفنون",
        "منوعات", "تكنولوجيا", "فيديو", "رأي"]


def nav(cls="main-menu", items=MENU, tag="ul"):
    li = "".join('<li class="menu-item"><a href="/section/%d">%s</a></li>' % (i, e(x))
                 for i, x in enumerate(items))
    return '<nav class="%s" role="navigation"><%s>%s</%s></nav>' % (cls, tag, li, tag)


def share(style=1):
    if style == 1:
        return ('<div class="share-buttons"><span>شارك:</span> <a class="fb" href="#">فيسبوك</a> '
                '<a class="tw" href="#">تويتر</a> <a class="wa" href="#">واتساب</a> '
                '<a class="tg" href="#">تيليجرام</a> <a class="copy" href="#">نسخ الرابط</a></div>')
    return ('<ul class="social-share"><li><a href="#" title="شارك على فيسبوك">فيسبوك</a></li>'
            '<li><a href="#" title="شارك على تويتر">تويتر</a></li><li><a href="#">لينكدإن</a></li>'
            '<li><a href="#">طباعة</a></li><li><a href="#">البريد الإلكتروني</a></li></ul>')


def tags(words):
    return ('<div class="tags"><span class="tags-title">وسوم:</span> '
            + " ".join('<a rel="tag" href="/tag/%s">%s</a>' % (a(w), e(w)) for w in words) + "</div>")


def links(titles, cls="related-list", base="/news/"):
    return '<ul class="%s">%s</ul>' % (cls, "".join(
        '<li><a href="%s%d">%s</a></li>' % (base, 1000 + i * 7, e(t)) for i, t in enumerate(titles)))


def comments(n=2):
    cs = [("أبو يوسف", "مقال ممتاز، شكرا على المتابعة الدقيقة لهذا الملف."),
          ("سلمى", "نتمنى أن تتابعوا الموضوع وتنشروا المستجدات أولا بأول."),
          ("مواطن غيور", "للأسف نفس الكلام يتكرر كل سنة دون أي تغيير على أرض الواقع.")][:n]
    body = "".join('<li class="comment"><div class="comment-author"><b>%s</b> <span class="says">قال:</span></div>'
                   '<div class="comment-content"><p>%s</p></div><a class="reply" href="#">رد</a></li>'
                   % (e(x), e(y)) for x, y in cs)
    return ('<div id="comments" class="comments-area"><h3 class="comments-title">%d تعليقات</h3>'
            '<ol class="comment-list">%s</ol><div id="respond"><h3>أضف تعليقاً</h3>'
            '<p class="comment-notes">لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *</p>'
            '<form><textarea name="comment"></textarea><input type="submit" value="إرسال التعليق"></form></div></div>'
            % (len(cs), body))


NEWSLETTER = ('<div class="newsletter-box"><h4>النشرة البريدية</h4><p>اشترك في نشرتنا البريدية '
              'ليصلك أهم الأخبار يوميا على بريدك الإلكتروني</p><form><input type="email" '
              'placeholder="بريدك الإلكتروني"><button>اشترك الآن</button></form></div>')
COOKIE = ('<div id="cookie-notice" class="cookie-banner"><p>يستخدم هذا الموقع ملفات تعريف الارتباط '
          '(الكوكيز) لتحسين تجربتك. باستمرارك في التصفح فإنك توافق على سياسة الخصوصية.</p>'
          '<button>موافق</button> <a href="/privacy">اعرف المزيد</a></div>')


def footer(site, year=2024, extra=""):
    return ('<footer class="site-footer"><div class="footer-links"><a href="/about">من نحن</a> | '
            '<a href="/contact">اتصل بنا</a> | <a href="/privacy">سياسة الخصوصية</a> | '
            '<a href="/terms">شروط الاستخدام</a> | <a href="/ads">أعلن معنا</a></div>%s'
            '<p class="copyright">© %d %s جميع الحقوق محفوظة</p></footer>' % (extra, year, e(site)))


def copyright_line(site, year=2024):
    return "© %d %s جميع الحقوق محفوظة" % (year, site)


def ps(paras, cls=None):
    c = ' class="%s"' % cls if cls else ""
    return "".join("<p%s>%s</p>\n" % (c, e(p)) for p in paras)


def head(title, site, extra="", charset='<meta charset="utf-8">', lang="ar"):
    return ('<!DOCTYPE html>\n<html lang="%s" dir="rtl">\n<head>\n%s\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<title>%s | %s</title>\n%s\n</head>\n' % (lang, charset, e(title), e(site), extra))


def og(art, url, site, date=False):
    s = ('<meta property="og:type" content="article">\n<meta property="og:title" content="%s">\n'
         '<meta property="og:url" content="%s">\n<meta property="og:site_name" content="%s">\n'
         '<meta property="og:locale" content="ar_AR">\n<meta name="description" content="%s">\n'
         % (a(art["title"]), a(url), a(site), a(art["paras"][0][:140])))
    if date:
        s += '<meta property="article:published_time" content="%s">\n' % iso(art)
    return s


def ldjson(obj):
    return ('<script type="application/ld+json">%s</script>\n'
            % json.dumps(obj, ensure_ascii=False).replace("</", "<\\/"))


def split3(paras):
    n = len(paras)
    i, j = max(1, n // 3), max(2, (2 * n) // 3)
    return paras[:i], paras[i:j], paras[j:]


# ---------------------------------------------------------------- layouts
# Each returns (html, must_not_contain, date_placement, url).  The body is art["paras"].

def L_wordpress(art, rel, site, dom):
    url = "https://%s/%s/" % (dom, slugify(art))
    dt = art["date"]["date"]
    h = head(art["title"], site, og(art, url, site, True) + '<link rel="canonical" href="%s">' % a(url))
    body = ('<body class="post-template-default single single-post postid-48213 wp-theme-akhbar">\n'
            '<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding">'
            '<p class="site-title"><a href="/">%s</a></p><p class="site-description">أخبار على مدار الساعة</p></div>%s</header>\n'
            '<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">\n'
            '<article id="post-48213" class="post-48213 post type-post status-publish format-standard has-post-thumbnail hentry category-local">\n'
            '<header class="entry-header"><span class="cat-links"><a href="/category/local/" rel="category tag">أخبار محلية</a></span>'
            '<h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on">نشر في <a href="%s" rel="bookmark">'
            '<time class="entry-date published" datetime="%s">%s</time></a></span> <span class="byline">بواسطة <a href="/author/admin/">هيئة التحرير</a></span></div></header>\n'
            '<div class="post-thumbnail"><img src="/wp-content/uploads/2024/01/cover-48213.jpg" alt="%s"></div>\n'
            '<div class="entry-content">\n%s</div>\n<footer class="entry-footer">%s%s</footer>\n</article>\n'
            '<nav class="navigation post-navigation"><div class="nav-previous"><a href="/p1/"><span>المقال السابق</span> %s</a></div>'
            '<div class="nav-next"><a href="/p2/"><span>المقال التالي</span> %s</a></div></nav>\n'
            '<div class="related-posts"><h3 class="widget-title">مقالات ذات صلة</h3>%s</div>\n%s\n</main></div>\n'
            '<aside id="secondary" class="widget-area"><section class="widget widget_search"><form><input type="search" placeholder="بحث …"></form></section>'
            '<section class="widget widget_recent_entries"><h2 class="widget-title">أحدث المقالات</h2>%s</section>'
            '<section class="widget widget_text">%s</section></aside></div>\n%s\n%s</div></body></html>\n'
            % (e(site), nav(), e(art["title"]), a(url), iso(art), ar_date(dt, day=False), a(art["title"]),
               ps(art["paras"]), tags(["تونس", "أخبار"]), share(1), e(rel[0]), e(rel[1]), links(rel[2:5]),
               comments(3), links(rel[5:9], "recent"), NEWSLETTER, footer(site), COOKIE))
    return h + body, [rel[2], "اشترك في نشرتنا البريدية", copyright_line(site)], "article:published_time meta (+ <time>)", url


def L_drupal(art, rel, site, dom):
    url = "https://%s/node/%d" % (dom, 73310 + len(art["title"]))
    dt = art["date"]["date"]
    h = head(art["title"], site, '<meta name="Generator" content="Drupal 7 (http://drupal.org)">\n<link rel="shortlink" href="/node/73345">')
    body = ('<body class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node- node-type-article i18n-ar">\n'
            '<div id="page-wrapper"><div id="page"><div id="header"><div class="section clearfix"><a href="/" id="logo">%s</a>'
            '<div class="region region-header"><div id="block-locale-language" class="block">English | Français</div></div></div></div>\n'
            '<div id="navigation"><div class="section">%s</div></div>\n'
            '<div class="breadcrumb"><a href="/">الرئيسية</a> » <a href="/world">عربي ودولي</a></div>\n'
            '<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" class="column"><div class="section">\n'
            '<h1 class="title" id="page-title">%s</h1>\n<div class="tabs"></div>\n'
            '<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">\n'
            '<div id="node-73345" class="node node-article node-promoted clearfix">\n'
            '<div class="submitted"><span class="date-display-single">%s - %s</span></div>\n'
            '<div class="content"><div class="field field-name-field-image field-type-image"><div class="field-items"><div class="field-item even">'
            '<img typeof="foaf:Image" src="/sites/default/files/styles/large/public/news/73345.jpg" alt=""></div></div></div>\n'
            '<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">\n'
            '%s</div></div></div>\n'
            '<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-above"><div class="field-label">الكلمات المفتاحية:&nbsp;</div>'
            '<div class="field-items"><div class="field-item even"><a href="/taxonomy/term/12">دولي</a></div><div class="field-item odd"><a href="/taxonomy/term/44">متابعات</a></div></div></div>\n'
            '</div><ul class="links inline"><li class="statistics_counter"><span>1532 قراءة</span></li><li class="comment-add"><a href="#comment-form">أضف تعليقا جديدا</a></li></ul></div>\n'
            '</div></div></div></div></div>\n'
            '<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region region-sidebar-second">'
            '<div id="block-views-popular-block" class="block block-views"><h2>الأكثر مشاهدة</h2><div class="content">%s</div></div>'
            '<div id="block-block-5" class="block block-block"><h2>تابعونا</h2><div class="content">%s</div></div></div></div></div>\n'
            '</div></div>\n<div id="footer"><div class="section"><div class="region region-footer">%s</div></div></div></div></div></body></html>\n'
            % (e(site), nav("menu", MENU[:8]), e(art["title"]), ar_date(dt), hhmm(art), ps(art["paras"]),
               links(rel[:5], "views-popular"), share(2), footer(site)))
    return h + body, [rel[1], "أضف تعليقا جديدا", copyright_line(site)], "visible text only (weekday + Egyptian month names)", url


def L_panarab_portal(art, rel, site, dom):
    url = "https://%s/arab-world/2024/%s" % (dom, art["docno"].split("-")[2])
    p1, p2, p3 = split3(art["paras"])
    ld = ldjson({"@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
                 "datePublished": iso(art), "dateModified": iso(art),
                 "publisher": {"@type": "Organization", "name": site}, "mainEntityOfPage": url})
    h = head(art["title"], site, og(art, url, site) + ld)
    mega = ('<div class="mega-menu"><div class="mega-col"><h5>أخبار</h5><a href="#">الخليج</a><a href="#">مصر</a><a href="#">المغرب العربي</a><a href="#">العالم</a></div>'
            '<div class="mega-col"><h5>اقتصاد</h5><a href="#">أسواق</a><a href="#">طاقة</a><a href="#">عقارات</a></div>'
            '<div class="mega-col"><h5>المزيد</h5><a href="#">صحة</a><a href="#">علوم</a><a href="#">سفر</a><a href="#">بودكاست</a></div></div>')
    ticker = ('<div class="breaking-news-ticker"><span class="label">عاجل</span><ul><li>%s</li><li>%s</li></ul></div>' % (e(rel[0]), e(rel[1])))
    ad = '<div class="ad-slot ad-inread" data-ad-unit="/2231/portal/article_inread"><span class="ad-label">إعلان</span></div>'
    readalso = ('<div class="read-also-box"><span class="ra-title">اقرأ أيضا</span><a href="/n/1">%s</a></div>' % e(rel[2]))
    video = ('<div class="embedded-video"><div class="video-player" data-video-id="vx9921"><img src="/img/poster-9921.jpg" alt="">'
             '<span class="duration">02:14</span></div><p class="video-caption">فيديو: مشاهد من موقع الحدث</p></div>')
    body = ('<body class="article-page"><header class="portal-header"><div class="top-bar"><span class="edition">الطبعة العربية</span> '
            '<a href="#">English</a> <a href="#">تسجيل الدخول</a></div><div class="logo"><a href="/">%s</a></div>%s%s</header>\n%s\n'
            '<main class="main-container"><div class="article-wrapper"><div class="breadcrumbs"><a href="/">الرئيسية</a> / <a href="/arab-world">العالم العربي</a></div>\n'
            '<h1 class="article-title">%s</h1><div class="article-meta"><span class="source">%s - تونس</span> <span class="updated">آخر تحديث منذ ساعتين</span></div>\n'
            '<figure class="main-image"><img src="/img/main-5531.jpg" alt=""><figcaption>صورة أرشيفية</figcaption></figure>\n'
            '<div class="article-body-wrapper">\n<div class="article-body-text">%s</div>\n%s\n<div class="article-body-text">%s</div>\n%s\n%s\n'
            '<div class="article-body-text">%s</div>\n</div>\n<div class="article-tags">%s</div>%s\n'
            '<div class="more-from-section"><h3>المزيد من العالم العربي</h3>%s</div></div>\n'
            '<aside class="side-column"><div class="most-read"><h3>الأكثر قراءة</h3><ol>%s</ol></div>%s</aside></main>\n%s\n</body></html>\n'
            % (e(site), nav("main-nav"), mega, ticker, e(art["title"]), e(site), ps(p1), ad, ps(p2), readalso, video, ps(p3),
               tags(["العالم العربي", "تونس"]), share(1), links(rel[3:6], "section-list"),
               "".join("<li><a href='/mr/%d'>%s</a></li>" % (i, e(t)) for i, t in enumerate(rel[6:10])), ad,
               footer(site, extra='<div class="apps">حمّل تطبيقنا على أندرويد وآيفون</div>')))
    return h + body, [rel[2], "حمّل تطبيقنا على أندرويد وآيفون", rel[6]], "JSON-LD datePublished", url


def L_egypt_portal(art, rel, site, dom):
    url = "https://%s/News/%d" % (dom, 4021187 + len(art["paras"]))
    dt = art["date"]["date"]
    h = head(art["title"], site, og(art, url, site))
    # body: text in divs and <br>, inline "اقرأ أيضا" links between paragraphs
    parts = []
    for i, p in enumerate(art["paras"]):
        parts.append(e(p) + "<br><br>\n")
        if i in (0, 2) and i < len(art["paras"]) - 1:
            parts.append('<div class="inline-read-also"><strong>اقرأ أيضا:</strong> <a href="/News/%d">%s</a></div>\n' % (3990000 + i, e(rel[i // 2])))
    story = "".join(parts)
    body = ('<body><div id="wrapper"><div class="header"><div class="logo"><a href="/">%s</a></div><div class="date-bar">%s</div>%s</div>\n'
            '<div class="container"><div class="right-col">\n<div class="section-name"><a href="/Section/65">حوادث وقضايا</a></div>\n'
            '<div class="news-title"><h1>%s</h1></div>\n<div class="news-date">%s - %s<span class="hijri"> الموافق %s</span></div>\n'
            '<div class="writer">كتب: محمد عبد الحميد</div>\n<div class="share-top">%s</div>\n'
            '<div class="news-img"><img src="/Upload/News/2024/4021187.jpg" alt=""><div class="img-caption">صورة تعبيرية</div></div>\n'
            '<div id="NewsStory" class="news-story">\n<div class="text">%s</div>\n</div>\n'
            '<div class="tags-box"><span>الكلمات المفتاحية</span> <a href="/Tags/1">أخبار</a> <a href="/Tags/2">تحقيقات</a></div>\n'
            '<div class="related-news"><div class="block-title">أخبار متعلقة</div>%s</div>\n</div>\n'
            '<div class="left-col"><div class="block-title">الأكثر قراءة</div>%s<div class="block-title">آخر الأخبار</div>%s</div></div>\n'
            '%s</div></body></html>\n'
            % (e(site), ar_date(datetime.date(2024, 5, 2)), nav("nav"), e(art["title"]), ar_date(dt).replace(" %s " % MONTHS_EG[dt.month - 1], " %s/%s " % (MONTHS_EG[dt.month - 1], MONTHS_LEV[dt.month - 1])),
               hhmm(art), hijri_str(dt), share(2), story, links(rel[2:9], "related-list", "/News/"),
               links(rel[9:12], "most-read"), links(rel[0:3], "latest"), footer(site, extra=NEWSLETTER)))
    return h + body, [rel[0], "كتب: محمد عبد الحميد", "أخبار متعلقة"], "visible text only (month as Egyptian/Levantine pair, e.g. أبريل/نيسان, + Hijri; a 2024 today-date in the header bar)", url


def L_video(art, rel, site, dom):
    url = "https://%s/video/%s" % (dom, art["docno"].lower())
    h = head(art["title"], site, og(art, url, site) + '<meta property="og:video" content="https://%s/v/88121.mp4">' % dom)
    body = ('<body class="video-page"><header>%s%s</header><main><div class="video-main">'
            '<div class="player-container"><video controls poster="/p/88121.jpg" src="/v/88121.mp4"></video>'
            '<div class="player-overlay"><button class="play">تشغيل</button> <span class="views">12 ألف مشاهدة</span></div></div>\n'
            '<h1 class="video-title">%s</h1><div class="video-meta"><time datetime="%s">%s</time> · المدة 03:41</div>\n'
            '<div class="video-description">%s</div>\n%s\n'
            '<section class="playlist"><h2>فيديوهات ذات صلة</h2>%s</section>\n'
            '<section class="up-next"><h3>التالي</h3><p>%s</p><span>تشغيل تلقائي</span></section></div></main>\n%s\n</body></html>\n'
            % ('<a class="logo" href="/">%s</a>' % e(site), nav("video-nav", ["الرئيسية", "فيديو", "برامج", "بث مباشر", "وثائقيات"]),
               e(art["title"]), iso(art), ar_date(art["date"]["date"], day=False), ps(art["paras"]), share(1),
               "".join('<div class="video-card"><img data-src="/t/%d.jpg" alt=""><h4>%s</h4><span>02:%02d</span></div>' % (i, e(t), 10 + i)
                       for i, t in enumerate(rel[:6])), e(rel[6]), footer(site)))
    return h + body, [rel[1], "12 ألف مشاهدة", "فيديوهات ذات صلة"], "<time datetime>", url


def L_amp(art, rel, site, dom):
    url = "https://%s/amp/news/%s" % (dom, art["docno"].split("-")[2])
    ld = ldjson({"@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
                 "datePublished": iso(art), "image": ["https://%s/i/1.jpg" % dom],
                 "author": {"@type": "Person", "name": "فريق التحرير"}})
    h = ('<!doctype html>\n<html amp lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
         '<script async src="https://cdn.ampproject.org/v0.js"></script>\n'
         '<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>\n'
         '<title>%s</title>\n<link rel="canonical" href="%s">\n<meta name="viewport" content="width=device-width">\n%s'
         '<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}</style>\n'
         '<style amp-custom>.amp-title{font-size:22px}</style>\n</head>\n' % (e(art["title"]), a(url.replace("/amp", "")), ld))
    body = ('<body><amp-sidebar id="sidebar" layout="nodisplay" side="right">%s</amp-sidebar>\n'
            '<header class="amp-header"><button on="tap:sidebar.toggle">القائمة</button><a href="/">%s</a></header>\n'
            '<article class="amp-article"><h1 class="amp-title">%s</h1><div class="amp-byline">فريق التحرير</div>\n'
            '<amp-img src="/i/1.jpg" width="800" height="450" layout="responsive" alt=""></amp-img>\n'
            '<div class="amp-content">%s</div>\n<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/amp"></amp-ad>\n'
            '<div class="amp-share"><amp-social-share type="facebook"></amp-social-share><amp-social-share type="twitter"></amp-social-share></div></article>\n'
            '<section class="amp-related"><h2>أخبار ذات صلة</h2>%s</section>\n%s\n</body></html>\n'
            % (nav("amp-menu"), e(site), e(art["title"]), ps(art["paras"]), links(rel[:4]), footer(site)))
    return h + body, [rel[0], "أخبار ذات صلة", copyright_line(site)], "JSON-LD datePublished (AMP)", url


def L_jsonld_body(art, rel, site, dom):
    url = "https://%s/story/%s" % (dom, art["docno"].split("-")[2])
    ld = ldjson({"@context": "https://schema.org", "@type": "NewsArticle", "headline": art["title"],
                 "datePublished": iso(art), "articleBody": "\n\n".join(art["paras"]),
                 "inLanguage": "ar", "publisher": {"@type": "Organization", "name": site}})
    h = head(art["title"], site, og(art, url, site) + '<link rel="canonical" href="%s">\n' % a(url) + ld)
    body = ('<body><div id="app"><header class="app-header"><a href="/">%s</a>%s</header>\n'
            '<main><h1 class="headline">%s</h1>\n<div class="story-body" data-render="articleBody" data-loading="true">'
            '<div class="skeleton-line"></div><div class="skeleton-line"></div><div class="skeleton-line short"></div></div>\n'
            '<noscript>يرجى تفعيل جافاسكريبت لعرض المقال كاملا.</noscript>\n%s\n'
            '<section class="recommended"><h2>مقترحات لك</h2>%s</section></main>\n%s\n</div>\n'
            '<script src="/static/js/story.bundle.js"></script></body></html>\n'
            % (e(site), nav("app-nav", MENU[:6]), e(art["title"]), share(1), links(rel[:5]), footer(site)))
    return h + body, [rel[2], "يرجى تفعيل جافاسكريبت لعرض المقال كاملا.", "مقترحات لك"], "JSON-LD datePublished (body only in JSON-LD articleBody)", url


def L_lazyload(art, rel, site, dom):
    url = "https://%s/economy/%s.html" % (dom, art["docno"].split("-")[2])
    h = head(art["title"], site, og(art, url, site, True))
    paras = art["paras"]
    body_parts = []
    for i, p in enumerate(paras):
        body_parts.append("<p>%s</p>\n" % e(p))
        if i == 1:
            body_parts.append('<figure class="lazy-figure"><img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
                              'data-src="/media/2024/econ-1.jpg" data-srcset="/media/2024/econ-1-768.jpg 768w" alt=""></figure>\n')
    body = ('<body><header class="header">%s%s</header>\n<div class="page"><div class="main">\n'
            '<div class="lazy-hero"><img class="lazyload" data-src="/media/2024/hero.jpg" alt=""></div>\n'
            '<h1>%s</h1>\n<div class="post-body js-lazy">%s</div>\n%s\n'
            '<div class="infinite-related" data-src="/api/related?id=77"><h3>قد يهمك أيضا</h3>%s</div></div>\n'
            '<div class="aside"><div class="widget"><h3>أسعار العملات</h3><table><tr><td>الدولار</td><td>3.11</td></tr><tr><td>اليورو</td><td>3.35</td></tr></table></div>%s</div></div>\n%s\n%s</body></html>\n'
            % ('<a href="/" class="logo">%s</a>' % e(site), nav(), e(art["title"]), "".join(body_parts), tags(["اقتصاد", "أسواق"]),
               "".join('<div class="card"><img data-src="/c/%d.jpg" class="lazyload" alt=""><a href="/n/%d">%s</a></div>' % (i, i, e(t)) for i, t in enumerate(rel[:4])),
               NEWSLETTER, footer(site), COOKIE))
    return h + body, [rel[3], "أسعار العملات", "يستخدم هذا الموقع ملفات تعريف الارتباط"], "article:published_time meta", url


def L_article_aside(art, rel, site, dom):
    url = "https://%s/local/%s" % (dom, art["docno"].split("-")[2])
    h = head(art["title"], site, og(art, url, site))
    p1, p2, p3 = split3(art["paras"])
    body = ('<body><header>%s%s</header>\n<main class="container">\n<article class="news-article">\n'
            '<header class="article-header"><h1>%s</h1><p class="meta">بقلم: ليلى الهادي · <time datetime="%s">%s</time></p></header>\n'
            '<section class="article-text">%s%s</section>\n'
            '<aside class="in-article-box"><h4>اقرأ أيضا</h4>%s</aside>\n<section class="article-text">%s</section>\n'
            '<div class="most-read-inline"><h3>الأكثر قراءة</h3><ol>%s</ol></div>\n'
            '<footer class="article-footer">%s%s</footer>\n</article>\n%s</main>\n%s\n</body></html>\n'
            % ('<a href="/">%s</a>' % e(site), nav(), e(art["title"]), iso(art), ar_date(art["date"]["date"], MONTHS_LEV),
               ps(p1), ps(p2), links(rel[:2]), ps(p3),
               "".join("<li><a href='/m/%d'>%s</a></li>" % (i, e(t)) for i, t in enumerate(rel[2:7])),
               tags(["وطنية", "متابعات"]), share(1), comments(2), footer(site)))
    return h + body, [rel[0], rel[3], "بقلم: ليلى الهادي"], "<time datetime>", url


def L_sidebar_wrapper(art, rel, site, dom):
    dt = art["date"]["date"]
    url = "https://%s/%04d/%02d/%02d/%s/" % (dom, dt.year, dt.month, dt.day, slugify(art))
    h = head(art["title"], site, '<link rel="canonical" href="%s">\n<meta property="og:title" content="%s">' % (a(url), a(art["title"])))
    body = ('<body class="single layout-right-sidebar"><div class="site-header">%s%s</div>\n'
            '<div class="sidebar-layout sidebar-wrapper"><div class="sidebar-content main-sidebar-col">\n'
            '<div class="sidebar-inner"><h1 class="post-title">%s</h1>\n<div class="post-meta"><span class="author">سياسة</span> <span class="views">٨٤٠ مشاهدة</span></div>\n'
            '<div class="post-content sidebar-text">%s</div>\n%s\n<div class="sidebar-related"><h3>مواضيع مشابهة</h3>%s</div></div></div>\n'
            '<div class="sidebar widget-sidebar"><div class="widget"><h3>الأكثر تعليقا</h3>%s</div><div class="widget">%s</div></div></div>\n%s\n</body></html>\n'
            % ('<a href="/">%s</a>' % e(site), nav(), e(art["title"]), ps(art["paras"]), share(2), links(rel[:4]), links(rel[4:8]), NEWSLETTER, footer(site)))
    return h + body, [rel[1], "مواضيع مشابهة", rel[5]], "URL only (canonical /YYYY/MM/DD/)", url


def L_cp1256_declared(art, rel, site, dom):
    url = "http://%s/article.php?id=%d" % (dom, 20417 + len(art["paras"]))
    dt = art["date"]["date"]
    h = head(art["title"], site, "", charset='<meta charset="windows-1256">')
    body = ('<body bgcolor="#ffffff"><div id="top"><a href="/">%s</a> <span class="slogan">صحيفة يومية مستقلة</span></div>%s\n'
            '<div id="main"><div class="article">\n<div class="art-title"><h2>%s</h2></div>\n<div class="art-date">%s</div>\n'
            '<div class="art-body">%s</div>\n<div class="print"><a href="/print.php">طباعة</a> | <a href="/send.php">أرسل لصديق</a></div></div>\n'
            '<div class="more"><b>مقالات أخرى</b>%s</div></div>\n<div id="foot">%s</div></body></html>\n'
            % (e(site), nav("menu", MENU[:7]), e(art["title"]), ar_date(dt, MONTHS_LEV), ps(art["paras"]), links(rel[:4]),
               e(copyright_line(site, 2012))))
    return h + body, [rel[0], "أرسل لصديق", copyright_line(site, 2012)], "visible text only (Levantine month names)", url


def L_cp1256_undeclared(art, rel, site, dom):
    url = "http://%s/news/show.asp?id=%d" % (dom, 9981 + len(art["paras"]))
    h = ('<html dir="rtl">\n<head>\n<title>%s - %s</title>\n<link rel="stylesheet" href="/style.css">\n</head>\n' % (e(art["title"]), e(site)))
    body = ('<body topmargin="0"><table width="100%%" cellpadding="0"><tr><td class="logo">%s</td></tr>\n'
            '<tr><td class="menu">%s</td></tr></table>\n<table width="960"><tr><td valign="top" width="700">\n'
            '<font class="title"><b>%s</b></font><br>\n<div class="newsbody">%s</div>\n'
            '<div class="bottom-links"><a href="/print.asp">نسخة للطباعة</a> | <a href="/arch.asp">الأرشيف</a></div></td>\n'
            '<td valign="top" class="leftcol"><b>أخبار أخرى</b>%s</td></tr></table>\n<div class="foot">%s</div></body></html>\n'
            % (e(site), " | ".join('<a href="#">%s</a>' % e(x) for x in MENU[:7]), e(art["title"]), ps(art["paras"]),
               links(rel[:5]), e(copyright_line(site, 2009))))
    return h + body, [rel[2], "نسخة للطباعة", copyright_line(site, 2009)], "none (no date on the page)", url


def L_blogger(art, rel, site, dom):
    dt = art["date"]["date"]
    url = "https://%s/%04d/%02d/blog-post_%d.html" % (dom, dt.year, dt.month, len(art["title"]))
    h = head(art["title"], site, "<meta name='generator' content='Blogger'>\n<link rel='canonical' href='%s'>" % a(url))
    body = ("<body class='item-view'><div class='header-outer'><h1 class='blog-title'><a href='/'>%s</a></h1><p class='description'>مدونة إخبارية مستقلة</p></div>\n"
            "<div class='main-outer'><div class='main-inner'><div class='blog-posts hfeed'>\n<div class='date-outer'><h2 class='date-header'><span>%s</span></h2>\n"
            "<div class='post hentry'><h3 class='post-title entry-title'>%s</h3>\n<div class='post-header'></div>\n"
            "<div class='post-body entry-content' id='post-body-7712'><div dir='rtl' style='text-align: right;'>%s</div></div>\n"
            "<div class='post-footer'><span class='post-author vcard'>نشر بواسطة <span class='fn'>صوت الحي</span></span> "
            "<span class='post-labels'>التسميات: <a href='#'>أخبار محلية</a></span> <div class='post-share-buttons'>%s</div></div></div></div>\n"
            "<div class='comments'><h4>%s</h4></div></div>\n<div class='blog-pager'><a class='blog-pager-newer-link' href='#'>رسالة أحدث</a> "
            "<a class='blog-pager-older-link' href='#'>رسالة أقدم</a> <a class='home-link' href='/'>الصفحة الرئيسية</a></div></div></div>\n"
            "<div class='sidebar-outer'><div class='widget PopularPosts'><h2>المشاركات الشائعة</h2>%s</div>"
            "<div class='widget BlogArchive'><h2>أرشيف المدونة</h2><ul><li>2017 (41)</li><li>2016 (88)</li></ul></div></div>\n"
            "<div class='footer-outer'>%s - يتم التشغيل بواسطة Blogger.</div></body></html>\n"
            % (e(site), ar_date(dt), e(art["title"]), "<br>\n<br>\n".join(e(p) for p in art["paras"]), share(2),
               "ليست هناك تعليقات:", links(rel[:4]), e(copyright_line(site))))
    return h + body, [rel[1], "المشاركات الشائعة", "رسالة أقدم"], "visible date header (+ year/month in URL)", url


def L_table_layout(art, rel, site, dom):
    url = "http://%s/index.php?option=com_content&view=article&id=%d" % (dom, 5512 + len(art["title"]))
    dt = art["date"]["date"]
    h = head(art["title"], site, '<meta name="generator" content="Joomla! 1.5 - Open Source Content Management">')
    body = ('<body><table class="outer" width="100%%"><tr><td colspan="3" class="banner">%s <img src="/images/banner.gif" alt="إعلان"></td></tr>\n'
            '<tr><td class="leftmenu" valign="top" width="180"><table class="moduletable"><tr><th>القائمة الرئيسية</th></tr><tr><td>%s</td></tr></table></td>\n'
            '<td class="content" valign="top"><table class="contentpaneopen"><tr><td class="contentheading" width="100%%">%s</td></tr></table>\n'
            '<table class="contentpaneopen"><tr><td valign="top" class="createdate">%s</td></tr>\n<tr><td valign="top">%s</td></tr>\n'
            '<tr><td class="modifydate">آخر تحديث للصفحة: الجمعة 19 أبريل 2024</td></tr></table>\n'
            '<span class="article_separator">&nbsp;</span></td>\n<td class="rightcol" valign="top" width="200"><table class="moduletable"><tr><th>آخر الأخبار</th></tr><tr><td>%s</td></tr></table>'
            '<table class="moduletable"><tr><th>استطلاع رأي</th></tr><tr><td>هل أنت راض عن الخدمات البلدية؟<br><input type="radio"> نعم<br><input type="radio"> لا</td></tr></table></td></tr>\n'
            '<tr><td colspan="3" class="footer">%s</td></tr></table></body></html>\n'
            % (e(site), "<br>".join('<a class="mainlevel" href="#">%s</a>' % e(x) for x in MENU[:8]), e(art["title"]),
               "%02d/%02d/%04d %s" % (dt.day, dt.month, dt.year, hhmm(art)), ps(art["paras"]), links(rel[:5], "latestnews"), e(copyright_line(site, 2015))))
    return h + body, [rel[4], "هل أنت راض عن الخدمات البلدية؟", "آخر تحديث للصفحة: الجمعة 19 أبريل 2024"], "visible text only (dd/mm/yyyy), a later 'last update' date also shown", url


def L_gulf_microdata(art, rel, site, dom):
    url = "https://%s/business/%s" % (dom, art["docno"].split("-")[2])
    dt = art["date"]["date"]
    h = head(art["title"], site, og(art, url, site))
    body = ('<body><div class="top-strip"><span>%s</span> <span class="weather">دبي 34°</span> <span class="fx">النفط برنت 82.1$</span></div>\n'
            '<header><a href="/">%s</a>%s</header>\n<div class="layout"><div itemscope itemtype="https://schema.org/NewsArticle" class="story">\n'
            '<h1 itemprop="headline">%s</h1>\n<div class="story-info"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">القسم الاقتصادي</span></span> '
            '<meta itemprop="datePublished" content="%s"><span class="pub">%s | %s</span></div>\n'
            '<div itemprop="articleBody" class="story-text">%s</div>\n%s</div>\n'
            '<div class="side"><div class="market-widget"><h3>مؤشرات الأسواق</h3><ul><li>سوق دبي 4,120</li><li>تاسي 11,980</li></ul></div>'
            '<div class="widget"><h3>الأكثر قراءة</h3>%s</div></div></div>\n%s\n</body></html>\n'
            % (ar_date(datetime.date(2024, 5, 2)), e(site), nav(), e(art["title"]), iso(art), ar_date(dt, day=False),
               hijri_str(dt), ps(art["paras"]), share(1), links(rel[:5]), footer(site)))
    return h + body, [rel[0], "مؤشرات الأسواق", copyright_line(site)], "microdata itemprop=datePublished (+ visible Gregorian and Hijri; a 2024 today-date in the top strip)", url


def L_print_version(art, rel, site, dom):
    dt = art["date"]["date"]
    url = "https://%s/print/%04d%02d%02d/%s" % (dom, dt.year, dt.month, dt.day, art["docno"].split("-")[2])
    h = head(art["title"], site, '<link rel="canonical" href="%s">\n<style>@media print{.noprint{display:none}}</style>' % a(url))
    body = ('<body onload="window.print()"><div class="print-header"><img src="/logo-print.png" alt="%s"> <a class="noprint" href="javascript:window.print()">اطبع هذه الصفحة</a></div>\n'
            '<div class="print-article"><h1>%s</h1>\n%s</div>\n<div class="print-footer">رابط المقال: %s<br>%s</div></body></html>\n'
            % (a(site), e(art["title"]), ps(art["paras"]), e(url), e(copyright_line(site))))
    return h + body, ["اطبع هذه الصفحة", "رابط المقال:", copyright_line(site)], "URL only (/print/YYYYMMDD/)", url


def L_opinion_column(art, rel, site, dom):
    url = "https://%s/opinion/%d" % (dom, 661 + len(art["paras"]))
    h = head(art["title"], site, og(art, url, site) + '<meta name="author" content="د. سامي بن عمر">')
    body = ('<body class="opinion"><header>%s%s</header><main><div class="opinion-layout">\n'
            '<div class="author-box"><img src="/writers/sami.jpg" alt="د. سامي بن عمر"><h3>د. سامي بن عمر</h3>'
            '<p class="author-bio">كاتب وباحث في الشؤون الاجتماعية، أستاذ جامعي ومؤلف عدة كتب في التنمية المحلية.</p>'
            '<a href="/writers/sami">كل مقالات الكاتب</a></div>\n<div class="column-body"><h1 class="column-title">%s</h1>\n'
            '<div class="column-text">%s</div>\n<p class="disclaimer">المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الموقع.</p>\n%s</div></div>\n'
            '<section class="more-opinion"><h2>مقالات رأي أخرى</h2>%s</section>%s</main>\n%s</body></html>\n'
            % ('<a href="/">%s</a>' % e(site), nav(), e(art["title"]), ps(art["paras"]), share(2), links(rel[:4]), comments(2), footer(site)))
    return h + body, ["المقالات المنشورة تعبر عن رأي كاتبها ولا تعبر بالضرورة عن رأي الموقع.", "كاتب وباحث في الشؤون الاجتماعية", rel[2]], "none (no date on the page)", url


def L_sports(art, rel, site, dom):
    url = "https://%s/football/news/%s" % (dom, art["docno"].split("-")[2])
    h = head(art["title"], site, og(art, url, site))
    body = ('<body class="sport"><header class="sport-header"><a href="/">%s</a>%s</header>\n'
            '<div class="live-scores"><div class="match"><span>الترجي</span> <b>2 - 1</b> <span>النجم الساحلي</span> <em>انتهت</em></div>'
            '<div class="match"><span>الأهلي</span> <b>0 - 0</b> <span>الوداد</span> <em>مباشر 67\'</em></div></div>\n'
            '<main><article class="sport-article"><h1>%s</h1><div class="byline">رياضة <time datetime="%s" class="pub-time">%s</time></div>\n'
            '<div class="article-content">%s</div>\n%s</article>\n'
            '<aside class="standings"><h3>ترتيب الدوري</h3><table><tr><td>1</td><td>الترجي</td><td>45</td></tr><tr><td>2</td><td>النجم</td><td>41</td></tr></table></aside>\n'
            '<section class="latest-sport"><h3>آخر أخبار الرياضة</h3>%s</section></main>\n%s\n</body></html>\n'
            % (e(site), nav("sport-nav", ["الرئيسية", "كرة القدم", "كرة اليد", "تنس", "البطولات العربية", "مباريات اليوم"]),
               e(art["title"]), iso(art), "%s · %s" % (ar_date(art["date"]["date"], MONTHS_MA, day=False), hhmm(art)),
               ps(art["paras"]), share(1), links(rel[:5]), footer(site)))
    return h + body, ["ترتيب الدوري", rel[1], copyright_line(site)], "<time datetime>", url


def L_maghreb_bilingual(art, rel, site, dom):
    url = "https://%s/ar/article/%d" % (dom, 76000 + len(art["title"]))
    dt = art["date"]["date"]
    h = head(art["title"], site, og(art, url, site))
    body = ('<body><div class="lang-switch"><a href="/fr/">Français</a> | <a href="/ar/">عربي</a></div>\n'
            '<header><a href="/ar/">%s</a>%s<div class="radio-live">استمع إلى البث المباشر</div></header>\n'
            '<div class="row"><div class="col-main"><div class="article-head"><span class="rubrique">وطنية</span><h1>%s</h1>'
            '<div class="date-pub">%s - %s</div></div>\n<div class="article-chapo"><strong>%s</strong></div>\n'
            '<div class="article-texte">%s</div>\n%s</div>\n<div class="col-side"><div class="bloc"><h3>الأكثر قراءة</h3>%s</div>'
            '<div class="bloc"><h3>Les plus lus</h3><ul><li>Météo : temps nuageux ce week-end</li></ul></div></div></div>\n%s\n%s</body></html>\n'
            % (e(site), nav("menu-ar", ["الرئيسية", "وطنية", "جهات", "دولية", "رياضة", "ثقافة", "برامج", "بودكاست"]),
               e(art["title"]), ar_date(dt, MONTHS_MA), hhmm(art), e(site) + " - تونس", ps(art["paras"]), share(1),
               links(rel[:5]), footer(site), COOKIE))
    return h + body, ["استمع إلى البث المباشر", "Météo : temps nuageux ce week-end", rel[3]], "visible text only (Maghreb month names)", url


def L_nextjs(art, rel, site, dom):
    url = "https://%s/economy/%s" % (dom, art["docno"].split("-")[2])
    nd = {"props": {"pageProps": {"article": {"id": art["docno"].split("-")[2], "title": art["title"],
                                              "section": "economy", "related": rel[:3]}}}, "page": "/[section]/[id]", "buildId": "k2Jd9"}
    h = head(art["title"], site, og(art, url, site, True))
    body = ('<body><div id="__next"><div class="Layout_root__a1B2c"><header class="Header_header__x9Y8z"><a class="Header_logo__q1" href="/">%s</a>%s</header>\n'
            '<main class="Article_main__Zz81"><div class="Article_head__p0"><span class="Article_kicker__t4">اقتصاد</span><h1 class="Article_title__k2">%s</h1></div>\n'
            '<div class="Article_body__m3">%s</div>\n<div class="Article_share__s5">%s</div>\n'
            '<div class="Related_wrap__r7"><h2 class="Related_h__r8">اقرأ المزيد</h2>%s</div></main>\n'
            '<footer class="Footer_f__f1">%s</footer></div></div>\n'
            '<script id="__NEXT_DATA__" type="application/json">%s</script></body></html>\n'
            % (e(site), nav("Nav_nav__n1"), e(art["title"]),
               "".join('<div class="Paragraph_p__c3"><span>%s</span></div>\n' % e(p) for p in art["paras"]), share(2),
               "".join('<a class="Card_card__c1" href="/n/%d"><div class="Card_title__c2">%s</div></a>' % (i, e(t)) for i, t in enumerate(rel[:4])),
               footer(site), json.dumps(nd, ensure_ascii=False)))
    return h + body, [rel[3], "اقرأ المزيد", copyright_line(site)], "article:published_time meta (body in hashed-class divs)", url


def L_bootstrap_readalso(art, rel, site, dom):
    url = "https://%s/news/%s" % (dom, art["docno"].split("-")[2])
    ld = ldjson({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": site, "url": "https://%s/" % dom},
        {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "الرئيسية"}]},
        {"@type": "NewsArticle", "headline": art["title"], "datePublished": iso(art), "dateModified": "2024-03-01T09:00:00+01:00"}]})
    h = head(art["title"], site, og(art, url, site) + ld)
    parts = []
    for i, p in enumerate(art["paras"]):
        parts.append("<p>%s</p>\n" % e(p))
        if i < len(art["paras"]) - 1:
            parts.append('<p class="read-also"><strong>اقرأ أيضا:</strong> <a href="/news/%d">%s</a></p>\n' % (i, e(rel[i])))
    body = ('<body><nav class="navbar navbar-expand-lg"><a class="navbar-brand" href="/">%s</a>%s</nav>\n'
            '<div class="container"><div class="row"><div class="col-md-8 col-12">\n<h1 class="h2 mb-3">%s</h1>\n'
            '<div class="d-flex meta text-muted"><span>%s</span> <span>منذ 3 سنوات</span></div>\n'
            '<div class="news-content mt-3">%s</div>\n<div class="card mt-4"><div class="card-header">وسوم</div><div class="card-body">%s</div></div>%s</div>\n'
            '<div class="col-md-4"><div class="card"><div class="card-header">الأكثر قراءة</div>%s</div>%s</div></div></div>\n%s\n</body></html>\n'
            % (e(site), nav("navbar-nav"), e(art["title"]), e(site), "".join(parts), tags(["تونس", "مجتمع"]), share(1),
               links(rel[5:10], "list-group"), NEWSLETTER, footer(site)))
    return h + body, [rel[0], rel[6], "منذ 3 سنوات"], "JSON-LD @graph NewsArticle datePublished (dateModified later)", url


def L_infinite_scroll(art, rel, site, dom, nxt=None):
    url = "https://%s/national/%s" % (dom, art["docno"].split("-")[2])
    h = head(art["title"], site, og(art, url, site))
    body = ('<body><header>%s%s</header>\n<div id="infinite-container">\n'
            '<article class="story current" data-url="%s"><h1>%s</h1><time datetime="%s">%s</time>\n'
            '<div class="story-body">%s</div>%s</article>\n'
            '<div class="next-story-divider">المقال التالي</div>\n'
            '<article class="story next" data-url="/national/next"><h2>%s</h2><div class="story-body"><p>%s</p></div>'
            '<a class="continue" href="/national/next">تابع القراءة</a></article>\n</div>\n'
            '<aside><h3>آخر الأخبار</h3>%s</aside>\n%s\n</body></html>\n'
            % ('<a href="/">%s</a>' % e(site), nav(), a(url), e(art["title"]), iso(art), ar_date(art["date"]["date"], MONTHS_MA),
               ps(art["paras"]), share(1), e(nxt["title"]), e(nxt["paras"][0]), links(rel[:5]), footer(site)))
    return h + body, [" ".join(nxt["paras"][0].split()[1:8]), "تابع القراءة", rel[2]], "<time datetime> (a second article follows)", url


def L_photo_gallery(art, rel, site, dom):
    url = "https://%s/gallery/%s" % (dom, art["docno"].split("-")[2])
    dt = art["date"]["date"]
    h = head(art["title"], site, og(art, url, site))
    parts = []
    for i, p in enumerate(art["paras"]):
        parts.append("<p>%s</p>\n" % e(p))
        if i in (0, 2):
            parts.append('<figure class="gallery-item"><img src="/g/%d.jpg" alt=""><figcaption>الصورة %d من 6 - عدسة المصور</figcaption></figure>\n' % (i, i + 1))
    body = ('<body><header>%s%s</header>\n<main><div class="gallery-page"><h1>%s</h1>\n'
            '<div class="dates"><span class="greg">%s</span> - <span class="hijri">%s</span></div>\n'
            '<div class="gallery-strip"><button>السابق</button><span>6 صور</span><button>التالي</button></div>\n'
            '<div class="gallery-text">%s</div>\n%s</div>\n<section class="more-galleries"><h2>ألبومات أخرى</h2>%s</section></main>\n%s\n</body></html>\n'
            % ('<a href="/">%s</a>' % e(site), nav(), e(art["title"]), ar_date(dt, MONTHS_LEV, indic=True), hijri_str(dt, indic=True),
               "".join(parts), share(2), links(rel[:4]), footer(site)))
    return h + body, ["الصورة 1 من 6 - عدسة المصور", "ألبومات أخرى", rel[1]], "visible Arabic-Indic digits (Levantine months) + Hijri", url


def L_news_agency(art, rel, site, dom):
    dt = art["date"]["date"]
    url = "https://%s/ar/%04d/%02d/%02d/%s" % (dom, dt.year, dt.month, dt.day, art["docno"].split("-")[2])
    h = head(art["title"], site, '<link rel="canonical" href="%s">\n<meta name="keywords" content="تونس, أخبار, وكالة">' % a(url))
    body = ('<body><div class="agency-top"><a href="/">%s</a> <span>وكالة أنباء مستقلة</span></div>%s\n'
            '<div class="wire"><div class="wire-head"><span class="flash">خبر</span><h1>%s</h1></div>\n'
            '<div class="wire-body">%s</div>\n<div class="wire-foot">(انتهى) - ت ع / م ب</div>\n%s</div>\n'
            '<div class="wire-list"><h3>برقيات أخرى</h3>%s</div>\n%s</body></html>\n'
            % (e(site), nav("agency-menu", ["الرئيسية", "محلي", "عربي", "دولي", "اقتصاد", "صور", "اتصل بنا"]),
               e(art["title"]), ps(art["paras"]), share(2), links(rel[:6]), footer(site)))
    return h + body, ["(انتهى) - ت ع / م ب", "برقيات أخرى", rel[4]], "URL only (canonical /ar/YYYY/MM/DD/)", url


SITES = [("مرآة الصباح", "mirat-assabah.test"), ("بوابة الواحة", "bawabat-alwaha.test"),
         ("الأفق العربي 24", "alofoq-arabi24.test"), ("بوابة شرفة النيل", "shurfat-annil.test"),
         ("قناة المنارة الزرقاء", "almanara-azraq.test"), ("نبض الواحات", "nabd-alwahat.test"),
         ("سطر الخبر", "satr-alkhabar.test"), ("دفتر الاقتصاد", "daftar-aliqtisad.test"),
         ("أنباء القرية الرقمية", "anba-alqarya.test"), ("منبر الجسور", "minbar-aljusur.test"),
         ("جريدة الفجر الساطع", "alfajr-assatie.test"), ("صحيفة الكثبان", "alkuthban.test"),
         ("صوت الحي", "sawt-alhay.test"), ("مرفأ الساحل", "marfa-assahil.test"),
         ("لؤلؤة الخليج للأعمال", "luluat-alkhaleej.test"), ("صحيفة الضفتين", "addiffatayn.test"),
         ("منصة حبر وورق", "hibr-wa-waraq.test"), ("ملعب النجوم", "malaab-annujum.test"),
         ("إذاعة السنابل", "radio-sanabil.test"), ("رصيد", "raseed-eco.test"),
         ("شرفة قرطاج", "shurfat-qartaj.test"), ("تيار الأخبار", "tayyar-alakhbar.test"),
         ("عدسة الواحة", "adasat-alwaha.test"), ("وكالة نجمة للأنباء", "najma-news-agency.test")]


def main():
    news_root, out = sys.argv[1], sys.argv[2]
    docs = read_ant(news_root)
    others = [docs[d] for d in OTHERS]
    pages_dir = os.path.join(out, "pages")
    os.makedirs(pages_dir, exist_ok=True)
    lines = []
    for n, (layout, docno) in enumerate(PAGES, 1):
        art = docs[docno]
        k = n % len(others)
        rel_docs = others[k:] + others[:k]
        rel = [d["title"] for d in rel_docs]
        site, dom = SITES[n - 1]
        fn = globals()["L_" + layout]
        if layout == "infinite_scroll":
            page, mnc, dplace, url = fn(art, rel[1:], site, dom, nxt=rel_docs[0])
        else:
            page, mnc, dplace, url = fn(art, rel, site, dom)
        gold = "\n\n".join(art["paras"])
        date = None if dplace.startswith("none") else art["date"]["date"].isoformat()
        charset = "utf-8"
        if layout == "cp1256_declared":
            data, charset = page.encode("cp1256"), "windows-1256 (declared)"
        elif layout == "cp1256_undeclared":
            data, charset = page.encode("cp1256"), "windows-1256 (undeclared)"
        else:
            data = page.encode("utf-8")
        path = "pages/%02d_%s.html" % (n, layout)
        with open(os.path.join(out, path), "wb") as f:
            f.write(data)
        mc = [art["paras"][0][:50].rsplit(" ", 1)[0], art["paras"][-1][-50:].split(" ", 1)[1]]
        lines.append({"path": path, "url": url, "lang": "ar", "gold_text": gold, "must_contain": mc,
                      "must_not_contain": mnc, "date": date, "source": "marsad/html_ar",
                      "_docno": docno, "_layout": layout, "_date_placement": dplace, "_charset": charset})
    with open(os.path.join(out, "manifest.jsonl"), "w", encoding="utf-8") as f:
        for l in lines:
            f.write(json.dumps({k: v for k, v in l.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "pages.tsv"), "w", encoding="utf-8") as f:
        f.write("page\tlayout\tdocno\tdate_placement\tcharset\tgold_date\n")
        for l in lines:
            f.write("%s\t%s\t%s\t%s\t%s\t%s\n" % (l["path"], l["_layout"], l["_docno"], l["_date_placement"], l["_charset"], l["date"]))


if __name__ == "__main__":
    main()
