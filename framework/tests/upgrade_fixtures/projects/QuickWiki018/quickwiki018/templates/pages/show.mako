<%inherit file="/base.mako"/>\

<%def name="header()">${c.title}</%def>

<%
    flashes = h.flash.pop_messages()
%>
% if flashes:
    % for flash in flashes:
    <div class="flash">${flash}</div>
    % endfor
% endif
<h1 class="main">${c.title}</h1>
${h.literal(c.content)}
