<form action="/forms/signup" method="post">
<input type="text" name="name">
<form:error name="name">
<input type="text" name="age">
<form:error name="age">
</form>
