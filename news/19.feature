Kris: only Krisledning (permission Publish crisis information; group Krisledning, Webbredaktörer) raises a crisis — refused in Swedish on every other route (form, REST, quick news, publishing); Krisinformation for Krisledning; Avsluta krisläge records when and by whom.

A red crisis banner first on every page for the crisis's audience (role alert, visible at 390 px, not dismissible) until answered: Jag har sett detta, and when asked Jag är i säkerhet / Jag behöver hjälp (the manager is mailed and notified at once). REST @kris, @kris-svar, "kris" in @mitt-intranat.

Follow-up: Uppföljning per unit for Krisledning (live counts), Krisläge, the names with phone links on Chefens sida; REST @kris-uppfoljning. Answers go 30 days after the crisis.

Crisis e-mail to exactly the audience at once (batches after the commit), a reminder after the chosen minutes (the new job solna-mail). Tysta timmar: every other mail is held in the member's quiet hours (default 18–07 and weekends; Jag jobbar skift with her own hours) and delivered as one bundle; one setting for mail and push.

A crisis under way is Krisledning's alone: others may not change, retract or delete it (refused in Swedish); widening its audience mails those added. The upgrade ends Kris news older than three days instead of turning it into crises.
