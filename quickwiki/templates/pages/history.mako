## A page's history: its revisions, newest first, a page of them at a
## time, with a form to compare any two.
<%inherit file="/base.mako"/>
<%def name="heading()">History of ${c.title}</%def>
<%def name="footer()">
  ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
</%def>
<form class="history" method="GET" action="${url('diff', title=c.title)}">
  <table class="revisions">
    <thead>
      <tr><th>Old</th><th>New</th><th>Revision</th><th>When</th><th>Who</th>
          <th>Summary</th><th></th></tr>
    </thead>
    <tbody>
    % for index, shown in enumerate(c.revisions):
      <tr class="${'deletion' if shown.deleted else 'edit'}">
        <td>${h.radio('old', shown.number, checked=(index == 1),
                      id='old-%d' % shown.number)}</td>
        <td>${h.radio('new', shown.number, checked=(index == 0),
                      id='new-%d' % shown.number)}</td>
        <td class="number">${h.link_to(str(shown.number),
            url('revision', title=c.title, number=shown.number))}</td>
        <td>${h.moment(shown.created)}</td>
        <td class="author">${h.author(shown)}</td>
        <td class="summary">\
% if shown.deleted:
<span class="deletion-marker">deleted the page</span> \
% endif
${shown.summary}</td>
        <td>\
% if shown.number > 1:
${h.link_to('changes', url('diff', title=c.title, old=shown.number - 1,
                          new=shown.number), class_='changes-link')}\
% endif
</td>
      </tr>
    % endfor
    </tbody>
  </table>
  % if c.latest.number > 1:
  <p>
    <label><input type="radio" name="style" value="inline" checked> inline</label>
    <label><input type="radio" name="style" value="side"> side by side</label>
    <input type="submit" value="Compare the chosen revisions">
  </p>
  % endif
</form>
<nav class="pager">
  % if c.newer_url:
  ${h.link_to('Newer revisions', c.newer_url, class_='newer-link')}
  % endif
  % if c.older_url:
  ${h.link_to('Older revisions', c.older_url, class_='older-link')}
  % endif
</nav>
