## The form that starts a new page: its title, and why a title typed was
## refused, with a title made of its words when they make one.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('New page')}</%def>
% if c.problem:
<p class="title-problem">${c.problem}
% if c.suggestion:
  ${h.translated('Perhaps %(title)s?',
                 title=h.link_to(c.suggestion, url('new_page', title=c.suggestion),
                                 class_='suggestion'))}
% endif
</p>
% elif c.existing:
<p class="title-problem">${h.translated('There is a page called %(title)s already: %(edit)s, or choose another title.',
  title=h.link_to(c.existing, url('page', title=c.existing)),
  edit=h.link_to(_('edit it'), url('edit_page', title=c.existing), class_='edit-link'))}</p>
% elif c.look_alike:
<p class="title-problem">${h.translated('%(typed)s looks like the title of %(title)s, which readers would take it for: choose another title.',
  typed=c.typed, title=h.link_to(c.look_alike, url('page', title=c.look_alike)))}</p>
% endif
<form class="new-page" method="get" action="${url('new_page')}">
  <label for="title">${_('Title')}</label>
  <input type="text" id="title" name="title" value="${c.typed}" maxlength="200"
         required>
  <p class="hint">${_('A title is a WikiWord: two or more words run together, each starting with a capital letter, such as FrontPage or MeetingNotes2.')}</p>
  <input type="submit" value="${_('Write the page')}">
</form>
