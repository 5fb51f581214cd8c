mod selfcheck;
