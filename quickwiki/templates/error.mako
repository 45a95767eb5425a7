## The error document, shown by StatusCodeRedirect for an error status.
<%inherit file="/base.mako"/>
<%def name="heading()">Error ${c.code}: ${c.reason}</%def>
<div class="error-document">
  <p class="explanation">${c.explanation}</p>
  % if c.detail:
  <p class="detail">${c.detail}</p>
  % endif
</div>
