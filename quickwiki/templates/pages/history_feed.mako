## The link to the Atom feed of page c.title's history, for a page's head.
<link rel="alternate" type="application/atom+xml" title="${_('History of %(title)s') % dict(title=c.title)}"
      href="${url('history_feed', title=c.title)}">
