<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html>
  <head>
    <title>QuickWiki</title>
    ${h.stylesheet_link('/quick.css')}
  </head>

  <body>
    <div class="content">
      ${next.body()}\
      <p class="footer">
        Return to the ${h.link_to('FrontPage', url('home'))}
        % if getattr(c, 'title', None):
        | ${h.link_to('Edit ' + c.title, url('edit_page', title=c.title))}
        % endif
        | ${h.link_to('Title List', url('pages'))}
      </p>
    </div>
  </body>
</html>
