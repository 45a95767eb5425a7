## A page: the stored HTML of its latest revision, headed by the title its
## text gives itself, if it does, with the page's name over it.
<%inherit file="/base.mako"/>
<%def name="heading()">${c.document_title or c.title}</%def>
<%def name="above_heading()">
% if c.document_title:
<p class="page-name">${c.title}</p>
% endif
</%def>
<%def name="actions()">
  % if h.allowed('edit', c.title):
  <a class="edit-link" href="${url('edit_page', title=c.title)}" accesskey="e">${_('Edit %(title)s') % dict(title=c.title)}</a>
  % endif
  <a class="history-link" href="${url('history', title=c.title)}">${_('History')}</a>
  <span class="revision-number">${_('(revision %(number)d)') % dict(number=c.revision)}</span>
  <a class="files-link" href="${url('files', title=c.title)}">${_('Files')}</a>
  <a class="backlinks-link" href="${url('backlinks', title=c.title)}">${_('What links here')}</a>
  % if h.allowed('rename'):
  <a class="rename-link" href="${url('rename', title=c.title)}">${_('Rename')}</a>
  % endif
  % if h.allowed('delete'):
  <a class="delete-link" href="${url('delete_pages', title=c.title)}">${_('Delete')}</a>
  % endif
  % if h.allowed('protect'):
  ${h.secure_form(url('protect', title=c.title), class_='protect')}
    ${h.hidden('protected', 'false' if c.protected else 'true')}
    ${h.submit('protect', _('Unprotect') if c.protected else _('Protect'))}
  </form>
  % endif
</%def>
<%def name="feeds()">
  ${parent.feeds()}
  ${parent.history_feed()}
</%def>
% if c.redirected_from:
<p class="redirected-from">${h.translated('(Redirected from %(title)s)',
  title=h.link_to(c.redirected_from, url('page', title=c.redirected_from, redirect='no')))}</p>
% endif
% if c.protected:
<p class="protected-note">${_('This page is protected: only admins edit it.')}</p>
% endif
<article class="wiki-content">
${c.content}
</article>
